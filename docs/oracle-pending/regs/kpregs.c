/*
 * kpregs.c - a char device (cdev + class) with a bank of 8 registers driven by ioctl
 */
#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/ioctl.h>
#include <linux/module.h>
#include <linux/uaccess.h>

struct kpreg {
    unsigned int index;
    unsigned int value;
};

#define KPREGS_MAGIC 'r'
#define KPREGS_READ  _IOWR(KPREGS_MAGIC, 1, struct kpreg)
#define KPREGS_WRITE _IOW(KPREGS_MAGIC, 2, struct kpreg)
#define KPREGS_COUNT _IOR(KPREGS_MAGIC, 3, int)
#define KPREGS_CLEAR _IO(KPREGS_MAGIC, 4)

static dev_t devt;
static struct cdev kpregs_cdev;
static struct class *kpregs_class;
static unsigned int regs[8];
static int writes;

static long kpregs_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
    struct kpreg r;
    void __user *p = (void __user *)arg;

    switch (cmd) {
    case KPREGS_READ:
        if (copy_from_user(&r, p, sizeof(r)))
            return -EFAULT;
        if (r.index >= ARRAY_SIZE(regs))
            return -EINVAL;
        r.value = regs[r.index];
        return copy_to_user(p, &r, sizeof(r)) ? -EFAULT : 0;
    case KPREGS_WRITE:
        if (copy_from_user(&r, p, sizeof(r)))
            return -EFAULT;
        if (r.index >= ARRAY_SIZE(regs))
            return -EINVAL;
        regs[r.index] = r.value;
        writes++;
        return 0;
    case KPREGS_COUNT:
        return put_user(writes, (int __user *)p);
    case KPREGS_CLEAR:
        memset(regs, 0, sizeof(regs));
        pr_info("kpregs: cleared after %d writes\n", writes);
        writes = 0;
        return 0;
    }
    return -ENOTTY;
}

static const struct file_operations kpregs_fops = {
    .owner = THIS_MODULE,
    .unlocked_ioctl = kpregs_ioctl,
};

static int __init kpregs_init(void)
{
    int ret = alloc_chrdev_region(&devt, 0, 1, "kpregs");

    if (ret)
        return ret;
    cdev_init(&kpregs_cdev, &kpregs_fops);
    ret = cdev_add(&kpregs_cdev, devt, 1);
    if (ret)
        goto out_region;
    kpregs_class = class_create(THIS_MODULE, "kpregs");
    if (IS_ERR(kpregs_class)) {
        ret = PTR_ERR(kpregs_class);
        goto out_cdev;
    }
    device_create(kpregs_class, NULL, devt, NULL, "kpregs");
    pr_info("kpregs: /dev/kpregs ready\n");
    return 0;
out_cdev:
    cdev_del(&kpregs_cdev);
out_region:
    unregister_chrdev_region(devt, 1);
    return ret;
}

static void __exit kpregs_exit(void)
{
    device_destroy(kpregs_class, devt);
    class_destroy(kpregs_class);
    cdev_del(&kpregs_cdev);
    unregister_chrdev_region(devt, 1);
}

module_init(kpregs_init);
module_exit(kpregs_exit);
MODULE_LICENSE("GPL");
