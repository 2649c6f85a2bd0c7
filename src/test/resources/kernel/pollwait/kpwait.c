/*
 * kpwait.c - a misc device a reader polls with no timeout until a writer hands it a message
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/poll.h>
#include <linux/uaccess.h>
#include <linux/wait.h>

static DECLARE_WAIT_QUEUE_HEAD(kpwait_queue);
static char msg[64];
static size_t msg_len;

static ssize_t kpwait_read(struct file *f, char __user *buf, size_t len, loff_t *off)
{
    size_t n = min(len, msg_len);

    if (!msg_len)
        return -EAGAIN;
    if (copy_to_user(buf, msg, n))
        return -EFAULT;
    msg_len = 0;
    pr_info("kpwait: message taken (%zu bytes)\n", n);
    return n;
}

static ssize_t kpwait_write(struct file *f, const char __user *buf, size_t len, loff_t *off)
{
    size_t n = min(len, sizeof(msg));

    if (copy_from_user(msg, buf, n))
        return -EFAULT;
    msg_len = n;
    pr_info("kpwait: message of %zu bytes, waking readers\n", n);
    wake_up_interruptible(&kpwait_queue);
    return len;
}

static __poll_t kpwait_poll(struct file *f, poll_table *wait)
{
    poll_wait(f, &kpwait_queue, wait);
    pr_info("kpwait: poll, %s\n", msg_len ? "readable" : "nothing yet");
    return msg_len ? EPOLLIN | EPOLLRDNORM : 0;
}

static const struct file_operations kpwait_fops = {
    .owner = THIS_MODULE,
    .read = kpwait_read,
    .write = kpwait_write,
    .poll = kpwait_poll,
};

static struct miscdevice kpwait_dev = {
    .minor = MISC_DYNAMIC_MINOR,
    .name = "kpwait",
    .fops = &kpwait_fops,
};

module_misc_device(kpwait_dev);
MODULE_LICENSE("GPL");
