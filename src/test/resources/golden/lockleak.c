/*
 * lockleak.c - a read() that returns on an error path with its mutex held.
 *
 * The first read takes the lock, finds nothing to say and returns -EAGAIN
 * without mutex_unlock().  Every later reader blocks in mutex_lock() for
 * good.  mutex_lock() sleeps uninterruptibly (state D): kill -9 cannot
 * get the reader out, and after hung_task_timeout_secs the hung-task
 * detector reports it.  mutex_lock_interruptible() would at least let
 * Ctrl-C through; the real fix is to unlock on every path.
 */
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/mutex.h>

static DEFINE_MUTEX(lockleak_lock);
static int items;	/* nothing ever produces one */

static ssize_t lockleak_read(struct file *file, char __user *buf,
			     size_t len, loff_t *ppos)
{
	mutex_lock(&lockleak_lock);
	if (items == 0)
		return -EAGAIN;		/* the bug: the mutex stays locked */
	items--;
	mutex_unlock(&lockleak_lock);
	return 0;
}

static const struct file_operations lockleak_fops = {
	.owner = THIS_MODULE,
	.read = lockleak_read,
};

static struct miscdevice lockleak_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "lockleak",
	.fops = &lockleak_fops,
};

static int __init lockleak_init(void)
{
	return misc_register(&lockleak_dev);
}

static void __exit lockleak_exit(void)
{
	misc_deregister(&lockleak_dev);
}

module_init(lockleak_init);
module_exit(lockleak_exit);
MODULE_LICENSE("GPL");
