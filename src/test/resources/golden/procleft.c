/*
 * procleft.c - a module that forgets remove_proc_entry() in its exit
 * function: /proc/leftover outlives the module.
 */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>

static int leftover_show(struct seq_file *m, void *v)
{
	seq_puts(m, "still here\n");
	return 0;
}

static int __init procleft_init(void)
{
	if (!proc_create_single("leftover", 0444, NULL, leftover_show))
		return -ENOMEM;
	pr_info("procleft: loaded\n");
	return 0;
}

static void __exit procleft_exit(void)
{
	pr_info("procleft: unloaded, but /proc/leftover stays\n");
}

module_init(procleft_init);
module_exit(procleft_exit);
MODULE_LICENSE("GPL");
