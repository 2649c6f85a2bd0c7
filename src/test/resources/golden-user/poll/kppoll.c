/* A misc device a program can poll: a write makes it readable, a read takes the data. */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/uaccess.h>
#include <linux/poll.h>
#include <linux/wait.h>

static DECLARE_WAIT_QUEUE_HEAD(kp_wait);
static int ready;
static int ticks;

static ssize_t kp_read(struct file *file, char __user *buf, size_t len, loff_t *off)
{
	char msg[32];
	int n;

	if (!ready)
		return -EAGAIN;
	ready = 0;
	n = snprintf(msg, sizeof(msg), "tick %d\n", ++ticks);
	if (len < n)
		return -EINVAL;
	if (copy_to_user(buf, msg, n))
		return -EFAULT;
	return n;
}

static ssize_t kp_write(struct file *file, const char __user *buf, size_t len, loff_t *off)
{
	ready = 1;
	wake_up_interruptible(&kp_wait);
	return len;
}

static __poll_t kp_poll(struct file *file, poll_table *wait)
{
	__poll_t mask = EPOLLOUT | EPOLLWRNORM;

	poll_wait(file, &kp_wait, wait);
	if (ready)
		mask |= EPOLLIN | EPOLLRDNORM;
	return mask;
}

static const struct file_operations kp_fops = {
	.owner = THIS_MODULE,
	.read = kp_read,
	.write = kp_write,
	.poll = kp_poll,
};

static struct miscdevice kp_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "kppoll",
	.fops = &kp_fops,
};

static int __init kp_init(void)
{
	return misc_register(&kp_dev);
}

static void __exit kp_exit(void)
{
	misc_deregister(&kp_dev);
}

module_init(kp_init);
module_exit(kp_exit);
MODULE_LICENSE("GPL");
