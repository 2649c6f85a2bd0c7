/* every module_param flavour, a misc device with poll, sysfs attributes */
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kobject.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/poll.h>
#include <linux/stat.h>
#include <linux/sysfs.h>

static short myshort = 1;
static int myint = 420;
static long mylong = 9999;
static char *mystring = "blah";
static int myintarray[2] = { 420, 420 };
static int arr_argc;
static bool mybool;
static char mybuf[16] = "buf";
static unsigned int myuint;

module_param(myshort, short, S_IRUSR | S_IWUSR | S_IRGRP | S_IWGRP);
MODULE_PARM_DESC(myshort, "A short integer");
module_param(myint, int, S_IRUSR | S_IWUSR | S_IRGRP | S_IROTH);
MODULE_PARM_DESC(myint, "An integer");
module_param(mylong, long, S_IRUSR);
MODULE_PARM_DESC(mylong, "A long integer");
module_param(mystring, charp, 0000);
MODULE_PARM_DESC(mystring, "A character string");
module_param_array(myintarray, int, &arr_argc, 0000);
MODULE_PARM_DESC(myintarray, "An array of integers");
module_param(mybool, bool, 0444);
module_param_string(mybuf, mybuf, sizeof(mybuf), 0644);
module_param_named(uint_value, myuint, uint, 0644);

static DECLARE_WAIT_QUEUE_HEAD(pq);

static __poll_t m_poll(struct file *f, struct poll_table_struct *wait)
{
	poll_wait(f, &pq, wait);
	return EPOLLIN | EPOLLRDNORM;
}

static ssize_t m_read(struct file *f, char __user *buf, size_t len, loff_t *ppos)
{
	return simple_read_from_buffer(buf, len, ppos, "hi\n", 3);
}

static const struct file_operations m_fops = {
	.owner = THIS_MODULE,
	.read = m_read,
	.poll = m_poll,
	.llseek = noop_llseek,
};

static struct miscdevice m_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "kplay_misc",
	.fops = &m_fops,
	.mode = 0444,
};

static struct kobject *kobj;
static int myvariable;

static ssize_t myvariable_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sprintf(buf, "%d\n", myvariable);
}

static ssize_t myvariable_store(struct kobject *kobj, struct kobj_attribute *attr, const char *buf,
				size_t count)
{
	int err = kstrtoint(buf, 10, &myvariable);

	if (err)
		return err;
	return count;
}

static struct kobj_attribute myvariable_attribute =
	__ATTR(myvariable, 0660, myvariable_show, myvariable_store);

static int __init pm_init(void)
{
	int i, err;

	pr_info("myshort %hd myint %d mylong %ld mystring %s mybool %d mybuf %s\n",
		myshort, myint, mylong, mystring, mybool, mybuf);
	for (i = 0; i < ARRAY_SIZE(myintarray); i++)
		pr_info("myintarray[%d] = %d\n", i, myintarray[i]);
	err = misc_register(&m_dev);
	if (err)
		return err;
	kobj = kobject_create_and_add("kplay", kernel_kobj);
	if (!kobj) {
		misc_deregister(&m_dev);
		return -ENOMEM;
	}
	err = sysfs_create_file(kobj, &myvariable_attribute.attr);
	if (err) {
		kobject_put(kobj);
		misc_deregister(&m_dev);
	}
	return err;
}

static void __exit pm_exit(void)
{
	kobject_put(kobj);
	misc_deregister(&m_dev);
}

module_init(pm_init);
module_exit(pm_exit);
MODULE_LICENSE("GPL");
