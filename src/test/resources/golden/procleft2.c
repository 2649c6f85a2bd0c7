/*
 * procleft2.c - proc_create with the module's own proc_ops, and no
 * remove_proc_entry() in exit: the next open of /proc/stale after rmmod
 * reads proc_ops from the freed module.
 */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/uaccess.h>

static ssize_t stale_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	static const char msg[] = "fresh\n";

	return simple_read_from_buffer(buf, count, ppos, msg, sizeof(msg) - 1);
}

static const struct proc_ops stale_ops = {
	.proc_read = stale_read,
};

static int __init procleft2_init(void)
{
	return proc_create("stale", 0444, NULL, &stale_ops) ? 0 : -ENOMEM;
}

static void __exit procleft2_exit(void)
{
	pr_info("procleft2: exit without remove_proc_entry\n");
}

module_init(procleft2_init);
module_exit(procleft2_exit);
MODULE_LICENSE("GPL");
