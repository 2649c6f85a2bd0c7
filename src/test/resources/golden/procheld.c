/*
 * procheld.c - the counter-example to Episode II: a /proc file held open
 * across rmmod is safe.
 *
 * procfs does not hand the module's proc_ops to the open file directly:
 * every read goes through proc_reg_read(), which first checks that the
 * entry still exists.  remove_proc_entry() in the exit function marks the
 * entry gone (and waits for readers already inside), so a read after
 * rmmod fails cleanly with EIO instead of jumping into freed memory.
 */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/uaccess.h>

static const char answer[] = "42\n";

static ssize_t procheld_read(struct file *file, char __user *buf,
			     size_t len, loff_t *ppos)
{
	return simple_read_from_buffer(buf, len, ppos, answer,
				       sizeof(answer) - 1);
}

static const struct proc_ops procheld_ops = {
	.proc_read = procheld_read,
};

static int __init procheld_init(void)
{
	if (!proc_create("procheld", 0444, NULL, &procheld_ops))
		return -ENOMEM;
	return 0;
}

static void __exit procheld_exit(void)
{
	remove_proc_entry("procheld", NULL);
}

module_init(procheld_init);
module_exit(procheld_exit);
MODULE_LICENSE("GPL");
