#include "prelude.h"
static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
static int sw(int x)
{
	switch (x) {
	case 0: return 10;
	case 1:
	case 2: return 20;
	case 3 ... 5: return 30;
	case -1: return -10;
	default: return 99;
	}
}
static int fallthrough(int x)
{
	int r = 0;
	switch (x) {
	case 1: r += 1;
	case 2: r += 2; break;
	case 3: r += 3;
	}
	return r;
}
static long usw(unsigned char c)
{
	switch (c) {
	case 200: return 1;
	case 255: return 2;
	}
	return 0;
}
int test(void)
{
	int i, sum = 0;
	for (i = 0; i < 10; i++)
		sum += i;
	ASSERT(45, sum);
	sum = 0;
	for (int k = 0; k < 10; k++) {
		if (k == 3) continue;
		if (k == 7) break;
		sum += k;
	}
	ASSERT(18, sum);
	i = 0;
	while (i < 5) i++;
	ASSERT(5, i);
	i = 0;
	do { i += 2; } while (i < 7);
	ASSERT(8, i);
	i = 0;
	do i++; while (0);
	ASSERT(1, i);
	ASSERT(55, fib(10));
	ASSERT(10, sw(0));
	ASSERT(20, sw(2));
	ASSERT(30, sw(4));
	ASSERT(-10, sw(-1));
	ASSERT(99, sw(6));
	ASSERT(3, fallthrough(1));
	ASSERT(2, fallthrough(2));
	ASSERT(3, fallthrough(3));
	ASSERT(0, fallthrough(4));
	ASSERT(1, usw(200));
	ASSERT(2, usw(255));
	i = 0;
again:
	i++;
	if (i < 3) goto again;
	ASSERT(3, i);
	{
		int n = 0;
		for (;;) { if (++n == 4) break; }
		ASSERT(4, n);
	}
	{
		int a = 0, b = 0;
		if (a == 0 && (b = 1)) ;
		ASSERT(1, b);
		b = 0;
		if (a == 1 && (b = 1)) ;
		ASSERT(0, b);
		if (a == 0 || (b = 1)) ;
		ASSERT(0, b);
	}
	return failures;
}
