/*
 * scanfmt.c - parsing text with sscanf() in the kernel
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/string.h>

static int __init scanfmt_init(void)
{
	int a = 0, b = 0, n = 0, consumed = 0;
	unsigned int hex = 0;
	long l = 0;
	unsigned long long ull = 0;
	unsigned char small = 0;
	short s = 0;
	char word[16] = "", c = '?';
	size_t sz = 0;

	n = sscanf("12 -7", "%d %d", &a, &b);
	pr_info("scanfmt: n=%d a=%d b=%d\n", n, a, b);
	n = sscanf("ff:123456789012 x", "%x:%lld %c", &hex, &ull, &c);
	pr_info("scanfmt: n=%d hex=%u ull=%llu c=%c\n", n, hex, ull, c);
	n = sscanf("name=kplay size=4096", "name=%15s size=%zu%n", word, &sz, &consumed);
	pr_info("scanfmt: n=%d word=%s sz=%zu consumed=%d\n", n, word, sz, consumed);
	n = sscanf("300 -2 99999", "%hhu %hd %ld", &small, &s, &l);
	pr_info("scanfmt: n=%d small=%u s=%d l=%ld\n", n, small, s, l);
	n = sscanf("abc", "%d", &a);
	pr_info("scanfmt: n=%d on no digits\n", n);
	n = sscanf("7 8", "%*d %d", &b);
	pr_info("scanfmt: n=%d b=%d after skip\n", n, b);
	return 0;
}

static void __exit scanfmt_exit(void)
{
}

module_init(scanfmt_init);
module_exit(scanfmt_exit);
MODULE_LICENSE("GPL");
