/*
 * typo.c - a first module full of typos: an unknown type name after "static",
 * printk and pr_info misspelled (macros), variables and members misspelled.
 */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/fs.h>

MODULE_LICENSE("GPL");

struct counter {
	int count;
	int limit;
};

static struct counter ctr;
static int major_number;

static ssize dev_read(struct file *f, char __user *buf, size_t len, loff_t *off)
{
	return 0;
}

static int __init typo_init(void)
{
	int value = 3;

	prinkt(KERN_INFO "typo: %d\n", valeu);
	pr_inf("typo: %d\n", major_numbr);
	ctr.cout = 1;
	ctr.limt = value;
	return mjaor;
}

static void __exit typo_exit(void)
{
	pr_info("bye\n");
}

module_init(typo_init);
module_exit(typo_exit);
