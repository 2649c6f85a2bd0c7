/*
 * panicmod.c - a module that gives up and calls panic().
 *
 * panic() is the kernel's last resort: it prints "Kernel panic - not
 * syncing:" with the message, a stack dump, and stops the machine (here
 * the oracle reboots it after a second, because of panic=1).  Nothing
 * after it runs: not the next pr_info, not the shell.
 */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/panic.h>

static int __init panicmod_init(void)
{
	int reason = 42;

	pr_info("panicmod: about to panic\n");
	panic("panicmod: giving up, reason %d", reason);
	pr_info("panicmod: never printed\n");
	return 0;
}

static void __exit panicmod_exit(void)
{
}

module_init(panicmod_init);
module_exit(panicmod_exit);
MODULE_LICENSE("GPL");
