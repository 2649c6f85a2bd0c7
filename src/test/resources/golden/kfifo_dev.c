/*
 * kfifo_dev.c - a misc device whose writes queue bytes in a 16-byte kfifo and
 * whose reads take them out (kfifo_from_user/kfifo_to_user), plus how
 * kfifo_alloc and kfifo_init size a FIFO.
 */
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kfifo.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>

static DEFINE_KFIFO(queue, char, 16);
static DEFINE_MUTEX(queue_lock);

static ssize_t kd_read(struct file *f, char __user *buf, size_t count, loff_t *pos)
{
	unsigned int copied;
	int ret;

	if (mutex_lock_interruptible(&queue_lock))
		return -ERESTARTSYS;
	ret = kfifo_to_user(&queue, buf, count, &copied);
	mutex_unlock(&queue_lock);
	pr_info("kfifo_dev: read %u, %u left\n", copied, kfifo_len(&queue));
	return ret ? ret : copied;
}

static ssize_t kd_write(struct file *f, const char __user *buf, size_t count, loff_t *pos)
{
	unsigned int copied;
	int ret;

	if (mutex_lock_interruptible(&queue_lock))
		return -ERESTARTSYS;
	ret = kfifo_from_user(&queue, buf, count, &copied);
	mutex_unlock(&queue_lock);
	pr_info("kfifo_dev: wrote %u of %zu, %u free\n", copied, count, kfifo_avail(&queue));
	if (ret)
		return ret;
	return copied ? copied : -ENOSPC;
}

static const struct file_operations kd_fops = {
	.owner = THIS_MODULE,
	.read = kd_read,
	.write = kd_write,
	.llseek = noop_llseek,
};

static struct miscdevice kd_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "kfifo_dev",
	.fops = &kd_fops,
};

static int __init kfifo_dev_init(void)
{
	struct kfifo big;
	DECLARE_KFIFO_PTR(words, u32);
	static u32 space[6];
	int ret;

	ret = kfifo_alloc(&big, 100, GFP_KERNEL);
	pr_info("kfifo_dev: alloc 100 -> %d, size %u, esize %u\n", ret, kfifo_size(&big), kfifo_esize(&big));
	kfifo_free(&big);
	ret = kfifo_alloc(&big, 1, GFP_KERNEL);
	pr_info("kfifo_dev: alloc 1 -> %d\n", ret);
	ret = kfifo_init(&words, space, sizeof(space));
	pr_info("kfifo_dev: init 24 bytes of u32 -> %d, size %u\n", ret, kfifo_size(&words));
	kfifo_put(&words, 7);
	kfifo_put(&words, 8);
	pr_info("kfifo_dev: words len %u, full %d\n", kfifo_len(&words), kfifo_is_full(&words));
	pr_info("kfifo_dev: queue size %u, empty %d\n", kfifo_size(&queue), kfifo_is_empty(&queue));
	return misc_register(&kd_dev);
}

static void __exit kfifo_dev_exit(void)
{
	misc_deregister(&kd_dev);
}

module_init(kfifo_dev_init);
module_exit(kfifo_dev_exit);
MODULE_LICENSE("GPL");
