#include "prelude.h"
#define offsetof(T, m) __builtin_offsetof(T, m)
#define container_of(ptr, type, member) ({ \
	void *__mptr = (void *)(ptr); \
	((type *)(__mptr - offsetof(type, member))); })
struct list_head { struct list_head *next, *prev; };
#define LIST_HEAD_INIT(name) { &(name), &(name) }
#define LIST_HEAD(name) struct list_head name = LIST_HEAD_INIT(name)
static inline void list_add_tail(struct list_head *n, struct list_head *head)
{
	struct list_head *prev = head->prev;
	n->next = head;
	n->prev = prev;
	prev->next = n;
	head->prev = n;
}
#define list_entry(ptr, type, member) container_of(ptr, type, member)
#define list_for_each_entry(pos, head, member) \
	for (pos = list_entry((head)->next, typeof(*pos), member); \
	     &pos->member != (head); \
	     pos = list_entry(pos->member.next, typeof(*pos), member))
struct item { int value; struct list_head node; char name[8]; };
static LIST_HEAD(items);
static struct item pool[3] = {
	{ .value = 1, .name = "one" },
	{ .value = 2, .name = "two" },
	{ .value = 3, .name = "three" },
};
struct ops {
	const char *name;
	int (*op)(int, int);
	unsigned flags : 4;
	unsigned mode : 4;
};
static int plus(int a, int b) { return a + b; }
static int times(int a, int b) { return a * b; }
static const struct ops table[] = {
	[0] = { "plus", plus, 1, 2 },
	[1] = { .name = "times", .op = times, .mode = 7 },
};
static const char *const names[] = { "zero", "one", "two" };
static char grid[2][4] = { "abc", "def" };
typedef unsigned long long u64;
typedef unsigned int u32;
typedef signed char s8;
static u64 mix(u64 a, u32 b) { return (a << 32) | b; }
enum state { IDLE, BUSY = 4, DONE };
static const char *state_name(enum state s)
{
	switch (s) {
	case IDLE: return "idle";
	case BUSY: return "busy";
	default: break;
	}
	return "done";
}
struct pair { long a; long b; };
static struct pair swap(struct pair p) { struct pair r = { p.b, p.a }; return r; }
static int first_negative(const int *v, int n)
{
	int i;
	for (i = 0; i < n; i++)
		if (v[i] < 0)
			goto found;
	return -1;
found:
	return i;
}
int test(void)
{
	struct item *it;
	int sum = 0, i;
	for (i = 0; i < 3; i++)
		list_add_tail(&pool[i].node, &items);
	list_for_each_entry(it, &items, node)
		sum += it->value;
	ASSERT(6, sum);
	ASSERT(0, strcmp(pool[2].name, "three"));
	it = container_of(&pool[1].node, struct item, node);
	ASSERT(2, it->value);
	ASSERT(7, table[0].op(3, 4));
	ASSERT(12, table[1].op(3, 4));
	ASSERT(1, table[0].flags);
	ASSERT(2, table[0].mode);
	ASSERT(7, table[1].mode);
	ASSERT(0, table[1].flags);
	ASSERT(2, sizeof(table) / sizeof(table[0]));
	ASSERT('w', names[2][1]);
	ASSERT('e', grid[1][1]);
	ASSERT(0x100000002, mix(1, 2));
	ASSERT(0, strcmp(state_name(BUSY), "busy"));
	ASSERT(0, strcmp(state_name(DONE), "done"));
	ASSERT(5, DONE);
	struct pair p = { 1, 2 }, q;
	q = swap(p);
	ASSERT(2, q.a);
	ASSERT(1, swap(swap(q)).b);
	int v[] = { 3, 1, -4, 1 };
	ASSERT(2, first_negative(v, 4));
	ASSERT(-1, first_negative(v, 2));
	s8 c = -1;
	ASSERT(255, (unsigned char)c);
	ASSERT(-1, c);
	u32 big = 0xffffffff;
	ASSERT(0, big + 1);
	ASSERT(4294967296, (u64)big + 1);
	long neg = -17;
	ASSERT(-3, neg / 5);
	ASSERT(-2, neg % 5);
	ASSERT(3, (unsigned long)17 / 5);
	int x = ({ int t = 0, k; for (k = 0; k < 10; k++) { if (k == 5) break; t += k; } t; });
	ASSERT(10, x);
	typeof(&pool[0]) pp = &pool[1];
	ASSERT(3, (pp + 1)->value);
	ASSERT(1, pp - pool);
	char buf[16];
	int n = sprintf(buf, "%s-%d", names[1], -5);
	ASSERT(6, n);
	ASSERT(0, strcmp(buf, "one--5"));
	static int calls;
	calls++;
	ASSERT(1, calls);
	int arr2[2][3] = { [1] = { [2] = 9 } };
	ASSERT(9, arr2[1][2]);
	ASSERT(0, arr2[0][2]);
	union { int i; unsigned char b[4]; } u = { .b = { 1, 2, 3, 4 } };
	ASSERT(0x04030201, u.i);
	struct { int a; struct { int b, c; } in; } nest = { 1, { 2, 3 } };
	ASSERT(3, nest.in.c);
	struct { int a; struct { int b, c; } in; } nest2 = { .in.c = 5, .a = 1 };
	ASSERT(5, nest2.in.c);
	ASSERT(0, nest2.in.b);
	int *ip = &(int){ 42 };
	ASSERT(42, *ip);
	ASSERT(3, __builtin_choose_expr(1, 3, 4));
	const char *s = 0 ? "a" : "bc";
	ASSERT(2, strlen(s));
	unsigned short us = 65535;
	us++;
	ASSERT(0, us);
	ASSERT(1, -1 < (long)0U);
	ASSERT(0, -1 < (unsigned long)0);
	return failures;
}
