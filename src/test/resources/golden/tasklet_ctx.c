/*
 * tasklet_ctx.c - a tasklet runs in softirq context: in_softirq() and
 * in_interrupt() are true there, in_task() is false; scheduling it twice
 * before it runs runs it once.
 */
#include <linux/delay.h>
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/module.h>

static int runs;

static void tl_fn(struct tasklet_struct *t)
{
	runs++;
	pr_info("tasklet run %d: in_softirq=%d in_interrupt=%d in_task=%d\n", runs,
		in_softirq() ? 1 : 0, in_interrupt() ? 1 : 0, in_task() ? 1 : 0);
}

static struct tasklet_struct tl;

static int __init tasklet_ctx_init(void)
{
	pr_info("init: in_softirq=%d in_interrupt=%d in_task=%d\n",
		in_softirq() ? 1 : 0, in_interrupt() ? 1 : 0, in_task() ? 1 : 0);
	tasklet_setup(&tl, tl_fn);
	tasklet_schedule(&tl);
	tasklet_schedule(&tl);
	mdelay(10);
	pr_info("after mdelay runs=%d\n", runs);
	return 0;
}

static void __exit tasklet_ctx_exit(void)
{
	tasklet_kill(&tl);
	pr_info("tasklet_ctx exit runs=%d\n", runs);
}

module_init(tasklet_ctx_init);
module_exit(tasklet_ctx_exit);
MODULE_LICENSE("GPL");
