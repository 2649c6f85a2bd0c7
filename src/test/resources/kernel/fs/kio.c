/* Three misc devices for the ioctl, lseek and poll syscalls (FileSyscallsTest). */
#include <linux/module.h>
#include <linux/miscdevice.h>
#include <linux/fs.h>
#include <linux/uaccess.h>
#include <linux/poll.h>
#include <linux/wait.h>
#include <linux/ioctl.h>
#include <linux/timer.h>
#include <linux/jiffies.h>

MODULE_LICENSE("GPL");

#define KIO_GET  _IOR('k', 1, int)
#define KIO_SET  _IOW('k', 2, int)
#define KIO_ARM  _IO('k', 3)
#define KIO_BIG  _IO('k', 4)

static int value = 7;
static int ready;
static DECLARE_WAIT_QUEUE_HEAD(kio_wq);
static struct timer_list kio_timer;

static void kio_fire(struct timer_list *t)
{
	ready = 1;
	wake_up_interruptible(&kio_wq);
}

static long kio_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	switch (cmd) {
	case KIO_GET:
		return copy_to_user((int __user *)arg, &value, sizeof(value)) ? -EFAULT : 0;
	case KIO_SET:
		return copy_from_user(&value, (int __user *)arg, sizeof(value)) ? -EFAULT : 0;
	case KIO_ARM:
		mod_timer(&kio_timer, jiffies + msecs_to_jiffies(100));
		return ++value;
	case KIO_BIG:
		return 0x100000005L;
	default:
		return -ENOIOCTLCMD;
	}
}

static __poll_t kio_poll(struct file *f, poll_table *wait)
{
	poll_wait(f, &kio_wq, wait);
	return ready ? EPOLLIN | EPOLLRDNORM : 0;
}

static loff_t kio_llseek(struct file *f, loff_t off, int whence)
{
	return fixed_size_llseek(f, off, whence, 100);
}

static const struct file_operations kio_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = kio_ioctl,
	.poll = kio_poll,
	.llseek = kio_llseek,
};

static const struct file_operations plain_fops = {
	.owner = THIS_MODULE,
};

static int nonseek_open(struct inode *i, struct file *f)
{
	return nonseekable_open(i, f);
}

static const struct file_operations def_fops = {
	.owner = THIS_MODULE,
	.open = nonseek_open,
	.llseek = default_llseek,
};

static const struct file_operations noop_fops = {
	.owner = THIS_MODULE,
	.llseek = noop_llseek,
};

static struct miscdevice kio_dev = { .minor = MISC_DYNAMIC_MINOR, .name = "kio", .fops = &kio_fops };
static struct miscdevice plain_dev = { .minor = MISC_DYNAMIC_MINOR, .name = "kplain", .fops = &plain_fops };
static struct miscdevice def_dev = { .minor = MISC_DYNAMIC_MINOR, .name = "knoseek", .fops = &def_fops };
static struct miscdevice noop_dev = { .minor = MISC_DYNAMIC_MINOR, .name = "knoop", .fops = &noop_fops };

static int __init kio_init(void)
{
	timer_setup(&kio_timer, kio_fire, 0);
	misc_register(&kio_dev);
	misc_register(&plain_dev);
	misc_register(&def_dev);
	return misc_register(&noop_dev);
}

static void __exit kio_exit(void)
{
	del_timer_sync(&kio_timer);
	misc_deregister(&noop_dev);
	misc_deregister(&def_dev);
	misc_deregister(&plain_dev);
	misc_deregister(&kio_dev);
}

module_init(kio_init);
module_exit(kio_exit);
