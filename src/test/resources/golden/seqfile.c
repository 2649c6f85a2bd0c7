/*
 * seqfile.c - /proc file using seq_file with single_open and seq_printf.
 */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>

static int counter;

static int seqfile_show(struct seq_file *m, void *v)
{
	int i;

	counter++;
	seq_printf(m, "open #%d\n", counter);
	for (i = 0; i < 3; i++)
		seq_printf(m, "line %d: %04x\n", i, i * 255);
	seq_puts(m, "end\n");
	seq_putc(m, '!');
	seq_putc(m, '\n');
	return 0;
}

static int seqfile_open(struct inode *inode, struct file *file)
{
	return single_open(file, seqfile_show, NULL);
}

static const struct proc_ops seqfile_ops = {
	.proc_open = seqfile_open,
	.proc_read = seq_read,
	.proc_lseek = seq_lseek,
	.proc_release = single_release,
};

static int __init seqfile_init(void)
{
	if (!proc_create("seqdemo", 0444, NULL, &seqfile_ops))
		return -ENOMEM;
	pr_info("seqdemo ready\n");
	return 0;
}

static void __exit seqfile_exit(void)
{
	remove_proc_entry("seqdemo", NULL);
	pr_info("seqdemo gone\n");
}

module_init(seqfile_init);
module_exit(seqfile_exit);
MODULE_LICENSE("GPL");
