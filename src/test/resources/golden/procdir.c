/*
 * procdir.c - a small tree under /proc made with proc_mkdir: each file is
 * created with proc_create_data and finds its own counter through pde_data().
 */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/uaccess.h>

static struct proc_dir_entry *top, *sub;
static int red = 1, green = 2, blue = 3;

static ssize_t color_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	int *value = pde_data(file_inode(file));
	char text[16];
	int len = snprintf(text, sizeof(text), "%d\n", *value);

	return simple_read_from_buffer(buf, count, ppos, text, len);
}

static ssize_t color_write(struct file *file, const char __user *buf, size_t count, loff_t *ppos)
{
	int *value = pde_data(file_inode(file));
	int err = kstrtoint_from_user(buf, count, 10, value);

	return err ? err : count;
}

static const struct proc_ops color_ops = {
	.proc_read = color_read,
	.proc_write = color_write,
};

static int __init procdir_init(void)
{
	top = proc_mkdir("colors", NULL);
	if (!top)
		return -ENOMEM;
	sub = proc_mkdir("more", top);
	if (!sub)
		goto fail;
	if (!proc_create_data("red", 0644, top, &color_ops, &red) ||
	    !proc_create_data("green", 0644, top, &color_ops, &green) ||
	    !proc_create_data("blue", 0600, sub, &color_ops, &blue))
		goto fail;
	proc_set_size(proc_create_data("sized", 0444, sub, &color_ops, &red), 80);
	pr_info("procdir: /proc/colors ready\n");
	return 0;
fail:
	proc_remove(top);
	return -ENOMEM;
}

static void __exit procdir_exit(void)
{
	proc_remove(top);
	pr_info("procdir: red=%d green=%d blue=%d\n", red, green, blue);
}

module_init(procdir_init);
module_exit(procdir_exit);
MODULE_LICENSE("GPL");
