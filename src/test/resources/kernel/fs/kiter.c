/* read_iter and write_iter (FileSyscallsTest): a misc device that copies through the iov_iter, a
 * misc device and a /proc file whose read_iter is seq_read_iter. */
#include <linux/module.h>
#include <linux/miscdevice.h>
#include <linux/fs.h>
#include <linux/uio.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>

MODULE_LICENSE("GPL");

static char store[64] = "iter says hi\n";
static size_t len = 13;

static ssize_t kiter_read_iter(struct kiocb *iocb, struct iov_iter *to)
{
	size_t n;

	if (iocb->ki_pos >= len)
		return 0;
	n = copy_to_iter(store + iocb->ki_pos, len - iocb->ki_pos, to);
	iocb->ki_pos += n;
	return n;
}

static ssize_t kiter_write_iter(struct kiocb *iocb, struct iov_iter *from)
{
	size_t n = iov_iter_count(from);

	if (n > sizeof(store))
		n = sizeof(store);
	n = copy_from_iter(store, n, from);
	len = n;
	pr_info("kiter: took %zu bytes at %lld\n", n, iocb->ki_pos);
	return n;
}

static const struct file_operations kiter_fops = {
	.owner = THIS_MODULE,
	.read_iter = kiter_read_iter,
	.write_iter = kiter_write_iter,
};

static int show(struct seq_file *m, void *v)
{
	seq_printf(m, "len=%zu\n", len);
	return 0;
}

static int kseq_open(struct inode *inode, struct file *file)
{
	return single_open(file, show, NULL);
}

static const struct file_operations kseq_fops = {
	.owner = THIS_MODULE,
	.open = kseq_open,
	.read_iter = seq_read_iter,
	.llseek = seq_lseek,
	.release = single_release,
};

static const struct proc_ops kseq_pops = {
	.proc_open = kseq_open,
	.proc_read_iter = seq_read_iter,
	.proc_lseek = seq_lseek,
	.proc_release = single_release,
};

static struct miscdevice kiter_dev = { .minor = MISC_DYNAMIC_MINOR, .name = "kiter", .fops = &kiter_fops };
static struct miscdevice kseq_dev = { .minor = MISC_DYNAMIC_MINOR, .name = "kseq", .fops = &kseq_fops };

static int __init kiter_init(void)
{
	proc_create("kseq", 0444, NULL, &kseq_pops);
	misc_register(&kseq_dev);
	return misc_register(&kiter_dev);
}

static void __exit kiter_exit(void)
{
	misc_deregister(&kiter_dev);
	misc_deregister(&kseq_dev);
	remove_proc_entry("kseq", NULL);
}

module_init(kiter_init);
module_exit(kiter_exit);
