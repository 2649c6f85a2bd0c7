/*
 * fallswitch.c - a case without break after pr_info, and a switch on an
 * uninitialized variable: gcc points at the call pr_info makes, through its
 * macros, and at the switch.
 */
#include <linux/module.h>
#include <linux/interrupt.h>

static int __init fallswitch_init(void)
{
	int x;
	switch (x) {
	case 1:
		pr_info("one\n");
	case 2:
		pr_info("two\n");
		break;
	}
	return 0;
}

static void __exit fallswitch_exit(void) { }

module_init(fallswitch_init);
module_exit(fallswitch_exit)
MODULE_LICENSE("GPL");
