/* /proc with seq_file, lists, kmalloc, strings, ioctl numbers, copy_from_user */
#include <linux/init.h>
#include <linux/ioctl.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/version.h>

#define PROCFS_NAME "kplay_list"
#define KPLAY_IOC_MAGIC 'k'
#define KPLAY_IOC_RESET _IO(KPLAY_IOC_MAGIC, 0)
#define KPLAY_IOC_GET _IOR(KPLAY_IOC_MAGIC, 1, int)
#define KPLAY_IOC_SET _IOW(KPLAY_IOC_MAGIC, 2, int)

struct item {
	struct list_head node;
	char text[32];
};

static LIST_HEAD(items);
static struct proc_dir_entry *entry;

static int show(struct seq_file *m, void *v)
{
	struct item *it;
	int n = 0;

	list_for_each_entry(it, &items, node)
		seq_printf(m, "%d: %s\n", n++, it->text);
	seq_puts(m, "end\n");
	return 0;
}

static int kplay_open(struct inode *inode, struct file *file)
{
	return single_open(file, show, NULL);
}

static ssize_t kplay_write(struct file *file, const char __user *buf, size_t len, loff_t *off)
{
	struct item *it = kmalloc(sizeof(*it), GFP_KERNEL);
	size_t n = min(len, sizeof(it->text) - 1);

	if (!it)
		return -ENOMEM;
	if (copy_from_user(it->text, buf, n)) {
		kfree(it);
		return -EFAULT;
	}
	it->text[n] = '\0';
	strim(it->text);
	list_add_tail(&it->node, &items);
	return len;
}

static long kplay_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	int value = 0;

	switch (cmd) {
	case KPLAY_IOC_RESET:
		return 0;
	case KPLAY_IOC_GET:
		return put_user(value, (int __user *)arg);
	case KPLAY_IOC_SET:
		return get_user(value, (int __user *)arg);
	default:
		return -ENOTTY;
	}
}

static const struct proc_ops ops = {
	.proc_open = kplay_open,
	.proc_read = seq_read,
	.proc_write = kplay_write,
	.proc_lseek = seq_lseek,
	.proc_release = single_release,
	.proc_ioctl = kplay_ioctl,
};

static int __init p_init(void)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(5, 6, 0)
	entry = proc_create(PROCFS_NAME, 0644, NULL, &ops);
#endif
	if (!entry)
		return -ENOMEM;
	return 0;
}

static void __exit p_exit(void)
{
	struct item *it, *tmp;

	list_for_each_entry_safe(it, tmp, &items, node) {
		list_del(&it->node);
		kfree(it);
	}
	remove_proc_entry(PROCFS_NAME, NULL);
}

module_init(p_init);
module_exit(p_exit);
MODULE_LICENSE("GPL");
