// A write handler whose helpers (each called once) dereference the NULL a failed lookup returned
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

struct item {
	int id;
	char name[16];
};

static struct item *items[4];

static struct item *lookup(int id)
{
	return id >= 0 && id < 4 ? items[id] : NULL;
}

static int item_id(struct item *it)
{
	return it->id;		/* no check: NULL for an empty slot */
}

static ssize_t helpers_write(struct file *file, const char __user *ubuf, size_t count, loff_t *ppos)
{
	char c;
	int id;

	if (get_user(c, ubuf))
		return -EFAULT;
	id = item_id(lookup(c - '0'));
	if (id < 0)
		return -EINVAL;
	pr_info("helpers: slot %c has id %d\n", c, id);
	return count;
}

static const struct proc_ops helpers_ops = {
	.proc_write = helpers_write,
};

static int __init helpers_init(void)
{
	items[0] = kzalloc(sizeof(*items[0]), GFP_KERNEL);
	if (!items[0])
		return -ENOMEM;
	items[0]->id = 42;
	return proc_create("helpers", 0222, NULL, &helpers_ops) ? 0 : -ENOMEM;
}

static void __exit helpers_exit(void)
{
	remove_proc_entry("helpers", NULL);
	kfree(items[0]);
}

module_init(helpers_init);
module_exit(helpers_exit);
MODULE_LICENSE("GPL");
