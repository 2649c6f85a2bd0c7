#include "prelude.h"
#define max(a, b) ({ typeof(a) _a = (a); typeof(b) _b = (b); _a > _b ? _a : _b; })
enum color { RED, GREEN = 5, BLUE };
struct s { int a; long b; };
int test(void)
{
	ASSERT(5, max(3, 5));
	ASSERT(3, ({ int x = 1; x + 2; }));
	typeof(1L) l = 3;
	ASSERT(8, sizeof(l));
	ASSERT(0, RED);
	ASSERT(6, BLUE);
	enum color c = GREEN;
	ASSERT(5, c);
	ASSERT(1, __builtin_types_compatible_p(int, int));
	ASSERT(0, __builtin_types_compatible_p(int, long));
	ASSERT(1, __builtin_constant_p(3 + 4));
	ASSERT(1, __builtin_expect(1, 0));
	ASSERT(2, _Generic(1L, int: 1, long: 2, default: 3));
	ASSERT(3, _Generic("x", int: 1, long: 2, default: 3));
	ASSERT(8, _Alignof(long));
	ASSERT(8, __alignof__(struct s));
	_Static_assert(sizeof(int) == 4, "int is 4 bytes");
	int *p = (int[]){ 1, 2, 3 };
	ASSERT(3, p[2]);
	ASSERT(16, sizeof(struct s));
	ASSERT(3, __builtin_popcount(7));
	ASSERT(2, __builtin_ctz(4));
	ASSERT(28, __builtin_clz(8));
	ASSERT(0x3412, __builtin_bswap16(0x1234));
	ASSERT(1, __builtin_ffs(1));
	int r;
	ASSERT(1, __builtin_add_overflow(2147483647, 1, &r));
	ASSERT(-2147483648, r);
	asm volatile("" ::: "memory");
	/* linux/const.h's __is_constexpr: a null pointer constant operand gives ?: the other's type */
	ASSERT(1, sizeof(int) == sizeof(*(8 ? ((void *)((long)(3) * 0l)) : (int *)8)));
	ASSERT(0, sizeof(int) == sizeof(*(8 ? ((void *)((long)(r) * 0l)) : (int *)8)));
	ASSERT(3, sizeof(char[__builtin_strlen("abc")]));
	return failures;
}
