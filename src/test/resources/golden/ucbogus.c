// Hardened usercopy's other checks: a NULL source, and a source on the stack that runs off its end
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/uaccess.h>

static char *msg;		/* never set: NULL */
static char *where;		/* the address of read_stack's buffer, which gcc cannot see through */

static ssize_t read_null(struct file *f, char __user *u, size_t count, loff_t *ppos)
{
	if (copy_to_user(u, msg, count))
		return -EFAULT;
	return count;
}

static ssize_t read_stack(struct file *f, char __user *u, size_t count, loff_t *ppos)
{
	char buf[32] = "on the stack\n";

	WRITE_ONCE(where, buf);
	if (*ppos)
		return 0;
	if (copy_to_user(u, READ_ONCE(where), count))
		return -EFAULT;
	*ppos = count;
	return count;
}

static const struct proc_ops null_ops = { .proc_read = read_null };
static const struct proc_ops stack_ops = { .proc_read = read_stack };

static int __init ucbogus_init(void)
{
	proc_create("ucnull", 0444, NULL, &null_ops);
	proc_create("ucstack", 0444, NULL, &stack_ops);
	return 0;
}

static void __exit ucbogus_exit(void)
{
	remove_proc_entry("ucnull", NULL);
	remove_proc_entry("ucstack", NULL);
}

module_init(ucbogus_init);
module_exit(ucbogus_exit);
MODULE_LICENSE("GPL");
