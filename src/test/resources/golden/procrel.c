/*
 * procrel.c - a /proc file with open and release handlers.  The file is
 * held open by the shell across rmmod: remove_proc_entry() runs down the
 * open files (proc_entry_rundown) and calls the release handler itself,
 * so the later close does not call into the freed module.
 */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/proc_fs.h>

static int opens;

static int procrel_open(struct inode *inode, struct file *file)
{
	opens++;
	pr_info("procrel: open #%d\n", opens);
	return 0;
}

static int procrel_release(struct inode *inode, struct file *file)
{
	pr_info("procrel: release by %s\n", current->comm);
	return 0;
}

static ssize_t procrel_read(struct file *file, char __user *buf,
			    size_t len, loff_t *ppos)
{
	return 0;
}

static const struct proc_ops procrel_ops = {
	.proc_open = procrel_open,
	.proc_read = procrel_read,
	.proc_release = procrel_release,
};

static int __init procrel_init(void)
{
	if (!proc_create("procrel", 0444, NULL, &procrel_ops))
		return -ENOMEM;
	return 0;
}

static void __exit procrel_exit(void)
{
	remove_proc_entry("procrel", NULL);
	pr_info("procrel: removed\n");
}

module_init(procrel_init);
module_exit(procrel_exit);
MODULE_LICENSE("GPL");
