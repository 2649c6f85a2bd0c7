/*
 * cmdproc.c - a /proc file that takes commands ("add N", "sub N", "name X",
 * "reset"): the write handler copies the line with memdup_user_nul() and
 * splits it with strsep().
 */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

static long total;
static char owner[16] = "nobody";

static int cmd_show(struct seq_file *m, void *v)
{
	seq_printf(m, "total=%ld owner=%s\n", total, owner);
	return 0;
}

static int cmd_open(struct inode *inode, struct file *file)
{
	return single_open(file, cmd_show, NULL);
}

static ssize_t cmd_write(struct file *file, const char __user *ubuf, size_t len, loff_t *off)
{
	char *buf, *p, *verb, *arg;
	long n;
	int ret = len;

	if (len > 64)
		return -EINVAL;
	buf = memdup_user_nul(ubuf, len);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	p = strim(buf);
	verb = strsep(&p, " ");
	arg = p;
	if (!strcasecmp(verb, "reset")) {
		total = 0;
	} else if (!strcmp(verb, "name") && arg) {
		strlcpy(owner, arg, sizeof(owner));
	} else if ((!strcmp(verb, "add") || !strcmp(verb, "sub")) && arg && !kstrtol(arg, 0, &n)) {
		total += verb[0] == 'a' ? n : -n;
	} else {
		pr_info("cmdproc: bad command '%s'\n", verb);
		ret = -EINVAL;
	}
	kfree(buf);
	return ret;
}

static const struct proc_ops cmd_ops = {
	.proc_open = cmd_open,
	.proc_read = seq_read,
	.proc_write = cmd_write,
	.proc_lseek = seq_lseek,
	.proc_release = single_release,
};

static int __init cmdproc_init(void)
{
	if (!proc_create("cmdproc", 0666, NULL, &cmd_ops))
		return -ENOMEM;
	return 0;
}

static void __exit cmdproc_exit(void)
{
	remove_proc_entry("cmdproc", NULL);
}

module_init(cmdproc_init);
module_exit(cmdproc_exit);
MODULE_LICENSE("GPL");
