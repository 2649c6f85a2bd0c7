// strcpy() into a member array through a pointer: gcc knows the member's size (__builtin_object_size(p, 1))
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

struct visitor {
	char name[16];
	int visits;
};

static struct visitor *who;
static char line[128];

static ssize_t fortify2_write(struct file *file, const char __user *ubuf, size_t count, loff_t *ppos)
{
	size_t n = min(count, sizeof(line) - 1);

	if (copy_from_user(line, ubuf, n))
		return -EFAULT;
	line[n] = '\0';
	strcpy(who->name, line);
	who->visits++;
	pr_info("fortify2: %s, visit %d", who->name, who->visits);
	return count;
}

static const struct proc_ops fortify2_ops = {
	.proc_write = fortify2_write,
};

static int __init fortify2_init(void)
{
	who = kzalloc(sizeof(*who), GFP_KERNEL);
	if (!who)
		return -ENOMEM;
	if (!proc_create("fortify2", 0222, NULL, &fortify2_ops)) {
		kfree(who);
		return -ENOMEM;
	}
	return 0;
}

static void __exit fortify2_exit(void)
{
	remove_proc_entry("fortify2", NULL);
	kfree(who);
}

module_init(fortify2_init);
module_exit(fortify2_exit);
MODULE_LICENSE("GPL");
