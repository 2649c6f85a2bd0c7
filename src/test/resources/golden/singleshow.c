/*
 * singleshow.c - /proc files written with single_open: one show() prints the
 * whole file; proc_create_single_data passes a pointer that show() finds in
 * m->private.
 */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>

static int opens;
static int answer = 42;

static int status_show(struct seq_file *m, void *v)
{
	opens++;
	seq_puts(m, "status: ok\n");
	seq_printf(m, "opens: %d\n", opens);
	seq_printf(m, "hex: %#x, padded: [%5d], left: [%-5d]\n", 255, 7, 7);
	seq_putc(m, '*');
	seq_putc(m, '\n');
	return 0;
}

static int status_open(struct inode *inode, struct file *file)
{
	return single_open(file, status_show, NULL);
}

static const struct proc_ops status_ops = {
	.proc_open = status_open,
	.proc_read = seq_read,
	.proc_lseek = seq_lseek,
	.proc_release = single_release,
};

static int answer_show(struct seq_file *m, void *v)
{
	int *p = m->private;

	seq_printf(m, "answer=%d\n", *p);
	return 0;
}

static int __init singleshow_init(void)
{
	if (!proc_create("single_status", 0444, NULL, &status_ops))
		return -ENOMEM;
	if (!proc_create_single_data("single_answer", 0400, NULL, answer_show, &answer)) {
		remove_proc_entry("single_status", NULL);
		return -ENOMEM;
	}
	pr_info("singleshow: loaded\n");
	return 0;
}

static void __exit singleshow_exit(void)
{
	remove_proc_entry("single_answer", NULL);
	remove_proc_entry("single_status", NULL);
	pr_info("singleshow: unloaded after %d opens\n", opens);
}

module_init(singleshow_init);
module_exit(singleshow_exit);
MODULE_LICENSE("GPL");
