/*
 * miscseek.c - a misc device holding a 64-byte message: read and write at the
 * file position, an llseek of its own (SEEK_SET/CUR/END) and two ioctls.
 */
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/uaccess.h>

#define MSG_SIZE 64
#define MISCSEEK_GET_LEN _IOR('m', 1, int)
#define MISCSEEK_CLEAR _IO('m', 2)

static char msg[MSG_SIZE];
static size_t msg_len;
static DEFINE_MUTEX(msg_lock);

static ssize_t ms_read(struct file *f, char __user *buf, size_t count, loff_t *pos)
{
	ssize_t ret;

	mutex_lock(&msg_lock);
	ret = simple_read_from_buffer(buf, count, pos, msg, msg_len);
	mutex_unlock(&msg_lock);
	return ret;
}

static ssize_t ms_write(struct file *f, const char __user *buf, size_t count, loff_t *pos)
{
	ssize_t ret;

	mutex_lock(&msg_lock);
	ret = simple_write_to_buffer(msg, MSG_SIZE, pos, buf, count);
	if (ret > 0 && *pos > msg_len)
		msg_len = *pos;
	mutex_unlock(&msg_lock);
	pr_info("miscseek: wrote %zd at %lld, length now %zu\n", ret, *pos - (ret > 0 ? ret : 0), msg_len);
	return ret;
}

static loff_t ms_llseek(struct file *f, loff_t off, int whence)
{
	loff_t pos;

	switch (whence) {
	case SEEK_SET:
		pos = off;
		break;
	case SEEK_CUR:
		pos = f->f_pos + off;
		break;
	case SEEK_END:
		pos = msg_len + off;
		break;
	default:
		return -EINVAL;
	}
	if (pos < 0 || pos > MSG_SIZE)
		return -EINVAL;
	f->f_pos = pos;
	return pos;
}

static long ms_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	int len;

	switch (cmd) {
	case MISCSEEK_GET_LEN:
		len = msg_len;
		return copy_to_user((int __user *)arg, &len, sizeof(len)) ? -EFAULT : 0;
	case MISCSEEK_CLEAR:
		msg_len = 0;
		return 0;
	}
	return -ENOTTY;
}

static const struct file_operations ms_fops = {
	.owner = THIS_MODULE,
	.read = ms_read,
	.write = ms_write,
	.llseek = ms_llseek,
	.unlocked_ioctl = ms_ioctl,
};

static struct miscdevice ms_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "miscseek",
	.fops = &ms_fops,
	.mode = 0666,
};

static int __init miscseek_init(void)
{
	int ret = misc_register(&ms_dev);

	if (ret)
		return ret;
	pr_info("miscseek: /dev/%s, ioctl GET_LEN=%#x CLEAR=%#x\n", ms_dev.name,
		MISCSEEK_GET_LEN, MISCSEEK_CLEAR);
	return 0;
}

static void __exit miscseek_exit(void)
{
	misc_deregister(&ms_dev);
}

module_init(miscseek_init);
module_exit(miscseek_exit);
MODULE_LICENSE("GPL");
