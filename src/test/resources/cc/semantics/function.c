#include "prelude.h"
typedef int (*binop)(int, int);
static int add(int a, int b) { return a + b; }
static int sub(int a, int b) { return a - b; }
static int apply(binop f, int a, int b) { return f(a, b); }
static int sumv(int n, ...)
{
	__builtin_va_list ap;
	int s = 0;
	__builtin_va_start(ap, n);
	for (int i = 0; i < n; i++)
		s += __builtin_va_arg(ap, int);
	__builtin_va_end(ap);
	return s;
}
static char narrow(int x) { return x; }
static unsigned short unarrow(int x) { return x; }
static void noop(void) { }
static int many(int a, int b, int c, int d, int e, int f, int g, int h) { return a + b + c + d + e + f + g + h; }
int test(void)
{
	ASSERT(5, apply(add, 2, 3));
	ASSERT(-1, apply(sub, 2, 3));
	binop ops[2] = { add, sub };
	ASSERT(7, ops[0](3, 4));
	ASSERT(1, (*ops[1])(5, 4));
	ASSERT(10, sumv(4, 1, 2, 3, 4));
	ASSERT(-56, narrow(200));
	ASSERT(65535, unarrow(-1));
	noop();
	ASSERT(36, many(1, 2, 3, 4, 5, 6, 7, 8));
	char buf[32];
	sprintf(buf, "%d-%s", 42, "x");
	ASSERT(0, strcmp(buf, "42-x"));
	ASSERT(0, strcmp(__func__, "test"));
	ASSERT(5, sizeof(__func__));
	ASSERT(0, strcmp(__FUNCTION__, "test"));
	return failures;
}
