#include "prelude.h"
static void set(int *p, int v) { *p = v; }
static int sum(int *a, int n) { int s = 0; for (int i = 0; i < n; i++) s += a[i]; return s; }
int test(void)
{
	int x = 3;
	int *p = &x;
	ASSERT(3, *p);
	*p = 5;
	ASSERT(5, x);
	set(&x, 7);
	ASSERT(7, x);
	int a[5] = {1, 2, 3, 4, 5};
	ASSERT(15, sum(a, 5));
	ASSERT(3, *(a + 2));
	ASSERT(3, 2[a]);
	int *q = a + 4;
	ASSERT(4, q - a);
	ASSERT(5, *q--);
	ASSERT(4, *q);
	ASSERT(20, sizeof(a));
	ASSERT(8, sizeof(p));
	ASSERT(5, sizeof(a) / sizeof(a[0]));
	int m[2][3] = {{1, 2, 3}, {4, 5, 6}};
	ASSERT(6, m[1][2]);
	ASSERT(24, sizeof(m));
	ASSERT(12, sizeof(m[0]));
	ASSERT(4, *m[1]);
	ASSERT(5, *(*(m + 1) + 1));
	int **pp = &p;
	**pp = 11;
	ASSERT(11, x);
	char buf[4];
	char *c = buf;
	*c++ = 'a'; *c++ = 'b'; *c = 0;
	ASSERT(2, strlen(buf));
	void *v = &x;
	ASSERT(11, *(int *)v);
	long addr = (long)&a[1] - (long)&a[0];
	ASSERT(4, addr);
	ASSERT(1, p != 0);
	int *n = 0;
	ASSERT(1, !n);
	int (*ap)[3] = m;
	ASSERT(5, ap[1][1]);
	return failures;
}
