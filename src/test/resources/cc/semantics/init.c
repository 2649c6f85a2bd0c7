#include "prelude.h"
static int g1 = 5;
static int garr[5] = { 1, 2, [4] = 9 };
static char gstr[] = "hello";
static const char *gp = "world";
static int *gip = &garr[2];
struct ops { int (*fn)(int); const char *name; int flags; };
static int twice(int x) { return 2 * x; }
static struct ops gops = { .fn = twice, .name = "twice" };
static int grange[10] = { [2 ... 5] = 7 };
static struct { int a; char b[3]; } gs[] = { { 1, "ab" }, { 2, "cd" } };
static long glong = -1;
static unsigned char gbytes[] = { 1, 2, 255 };
static int *gnull;
static int counter(void) { static int n; return ++n; }
/* gcc takes a struct compound literal as a constant aggregate (DEFINE_KFIFO, __SPIN_LOCK_UNLOCKED) */
static struct ops gcl = (struct ops){ .fn = twice, .name = "cl", .flags = 3 };
static struct { int n; struct ops o; } gnest = { 5, (struct ops){ .flags = 4 } };
int test(void)
{
	ASSERT(5, g1);
	ASSERT(9, garr[4]);
	ASSERT(0, garr[3]);
	ASSERT(6, sizeof(gstr));
	ASSERT('l', gstr[2]);
	ASSERT('w', gp[0]);
	ASSERT(0, strcmp(gp, "world"));
	ASSERT(0, *gip);
	ASSERT(1, gip == &garr[2]);
	ASSERT(42, gops.fn(21));
	ASSERT(0, strcmp(gops.name, "twice"));
	ASSERT(0, gops.flags);
	ASSERT(7, grange[5]);
	ASSERT(0, grange[6]);
	ASSERT(2, sizeof(gs) / sizeof(gs[0]));
	ASSERT('d', gs[1].b[1]);
	ASSERT(-1, glong);
	ASSERT(255, gbytes[2]);
	ASSERT(1, gnull == 0);
	ASSERT(4, gcl.fn(2));
	ASSERT(0, strcmp(gcl.name, "cl"));
	ASSERT(3, gcl.flags);
	ASSERT(5, gnest.n);
	ASSERT(4, gnest.o.flags);
	ASSERT(1, gnest.o.fn == 0);
	ASSERT(1, counter());
	ASSERT(2, counter());
	int a[] = { 1, 2, 3 };
	ASSERT(12, sizeof(a));
	int z[4] = { 1 };
	ASSERT(0, z[3]);
	char s[8] = "abc";
	ASSERT(0, s[5]);
	ASSERT('c', s[2]);
	char t[] = "xyz";
	ASSERT(4, sizeof(t));
	struct ops o = { twice };
	ASSERT(8, o.fn(4));
	ASSERT(1, o.name == 0);
	int sc = { 3 };
	ASSERT(3, sc);
	int nested[2][2] = { 1, 2, 3, 4 };
	ASSERT(3, nested[1][0]);
	return failures;
}
