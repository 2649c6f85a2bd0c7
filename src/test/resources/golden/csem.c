/*
 * csem.c - C semantics the curriculum leans on, printed from init.
 */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/string.h>
#include <linux/slab.h>

struct point { short x; int y; char tag; };
struct flags { unsigned int a : 3, b : 5; int c : 4; };
union word { unsigned int u; unsigned char b[4]; };

static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
static int add(int a, int b) { return a + b; }
static int mul(int a, int b) { return a * b; }
static int (*ops[])(int, int) = { add, mul };

static struct point mkpoint(int x, int y)
{
	struct point p = { .x = x, .y = y, .tag = 'p' };
	return p;
}

static const char *kind(int v)
{
	switch (v) {
	case 0: return "zero";
	case 1 ... 9: return "small";
	case 10:
	case 20: return "round";
	default: return "big";
	}
}

static int __init csem_init(void)
{
	struct point p = mkpoint(3, -4), q;
	struct flags f = { 0 };
	union word w = { .u = 0x11223344 };
	unsigned char uc = 250;
	signed char sc = -5;
	unsigned int ui = 3000000000u;
	long l = -1;
	unsigned long ul = (unsigned long)l;
	long long big = 1LL << 40;
	char buf[48];
	int i, arr[5] = { [1] = 7, [3] = 9 };
	int *ptr = arr;
	char *s;

	q = p;
	q.x += 10;
	f.a = 5; f.b = 17; f.c = -3;
	uc += 10;
	pr_info("csem: sizeof point=%zu flags=%zu long=%zu ptr=%zu\n", sizeof(struct point), sizeof(f), sizeof(long), sizeof(void *));
	pr_info("csem: p=(%d,%d,%c) q=(%d,%d)\n", p.x, p.y, p.tag, q.x, q.y);
	pr_info("csem: bitfields a=%u b=%u c=%d\n", f.a, f.b, f.c);
	pr_info("csem: union b0=%x b3=%x\n", w.b[0], w.b[3]);
	pr_info("csem: uc=%u sc=%d sc>>1=%d ui=%u ui*2=%u\n", uc, sc, sc >> 1, ui, ui * 2);
	pr_info("csem: l=%ld ul=%lu ulx=%lx big=%lld\n", l, ul, ul, big);
	pr_info("csem: -7/2=%d -7%%2=%d 7u/2=%u mixed=%d\n", -7 / 2, -7 % 2, 7u / 2, (-1 < 1u));
	pr_info("csem: fib(15)=%d ops=%d,%d\n", fib(15), ops[0](6, 7), ops[1](6, 7));
	pr_info("csem: kinds %s %s %s %s\n", kind(0), kind(5), kind(20), kind(99));
	pr_info("csem: arr %d %d %d ptr[3]=%d *(ptr+1)=%d diff=%td\n", arr[0], arr[1], arr[2], ptr[3], *(ptr + 1), &arr[4] - ptr);
	snprintf(buf, sizeof(buf), "%5d|%-5d|%05x|%.3s|%c", 42, 42, 255, "abcdef", 'z');
	pr_info("csem: fmt [%s] len=%zu\n", buf, strlen(buf));
	s = kstrdup("kernel", GFP_KERNEL);
	for (i = 0; s[i]; i++)
		s[i] = s[i] - 'a' + 'A';
	pr_info("csem: %s %d\n", s, memcmp(s, "KERNEL", 6));
	kfree(s);
	pr_info("csem: ternary chain %d, comma %d, not %d\n", i > 3 ? i < 10 ? 1 : 2 : 3, (uc += 5, uc + 1), !p.x);
	return 0;
}

static void __exit csem_exit(void)
{
	pr_info("csem: bye\n");
}

module_init(csem_init);
module_exit(csem_exit);
MODULE_LICENSE("GPL");
