// gcc -O2 turns a call in tail position into a jump (a sibling call): the caller's frame is gone
// while the callee runs, so dump_stack() there does not list it.
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/init.h>

static int v;
module_param(v, int, 0444);
static unsigned long addr;
module_param(addr, ulong, 0444);

noinline void sc_void(int c)
{
	pr_info("sc_void\n");
	dump_stack();			/* last statement: a jump */
}

noinline int sc_plain(int x)
{
	dump_stack();
	return x + 1;
}

noinline int sc_ret(int x)
{
	return sc_plain(x);		/* a jump */
}

noinline int sc_escape(int *p)
{
	dump_stack();
	return *p;
}

noinline int sc_local(int x)
{
	int y = x;
	return sc_escape(&y);		/* &y: the callee may use this frame, so a call */
}

static int (*sc_fp)(int) = sc_plain;

noinline int sc_indirect(int x)
{
	return sc_fp(x);		/* a jump through the pointer */
}

noinline long sc_wide(int x)
{
	return sc_plain(x);		/* int to long: a call, then the sign extension */
}

noinline void sc_if(int c)
{
	if (c >= 0)
		dump_stack();		/* last statement of the function too */
	else
		pr_info("negative\n");
}

noinline int sc_seven(int a, int b, int c, int d, int e, int f, int g)
{
	dump_stack();
	return a + b + c + d + e + f + g;
}

noinline int sc_many(int x)
{
	return sc_seven(x, x + 1, x + 2, x + 3, x + 4, x + 5, x + 6);	/* a stack argument the caller did not get: a call */
}

noinline int sc_array(int x)
{
	volatile char buf[16];

	buf[0] = x;
	buf[15] = buf[0];
	return sc_plain(buf[15]);
}

static int __init sibcall_init(void)
{
	pr_info("void\n");
	sc_void(v);
	pr_info("ret\n");
	sc_ret(v);
	pr_info("local\n");
	sc_local(v);
	pr_info("indirect\n");
	sc_indirect(v);
	pr_info("wide\n");
	sc_wide(v);
	pr_info("if\n");
	sc_if(v);
	pr_info("many\n");
	sc_many(v);
	pr_info("array\n");
	sc_array(v);
	pr_info("init\n");
	return sc_ret(v) - v - 1;	/* not a jump: the subtraction comes after */
}

noinline void sc_crash(int *p)
{
	*p = 1;
}

static void __exit sibcall_exit(void)
{
	sc_void(v);			/* a call */
	sc_crash((int *)addr);		/* a jump: the oops's trace goes on at delete_module */
}

module_init(sibcall_init);
module_exit(sibcall_exit);
MODULE_LICENSE("GPL");
