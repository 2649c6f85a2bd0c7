/*
 * debugvals.c - values exposed in debugfs: a directory with u8, u32, x32,
 * bool and a blob, removed in one call with debugfs_remove_recursive.
 */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/debugfs.h>

static struct dentry *dir;
static u8 small = 7;
static u32 counter = 1000;
static u32 flags = 0xbeef;
static u64 big = 1234567890123ULL;
static bool verbose = true;
static char motd[] = "hello from debugfs\n";
static struct debugfs_blob_wrapper blob = {
	.data = motd,
	.size = sizeof(motd) - 1,
};

static int __init debugvals_init(void)
{
	dir = debugfs_create_dir("debugvals", NULL);
	debugfs_create_u8("small", 0644, dir, &small);
	debugfs_create_u32("counter", 0644, dir, &counter);
	debugfs_create_x32("flags", 0600, dir, &flags);
	debugfs_create_u64("big", 0444, dir, &big);
	debugfs_create_bool("verbose", 0644, dir, &verbose);
	debugfs_create_blob("motd", 0444, dir, &blob);
	pr_info("debugvals: ready\n");
	return 0;
}

static void __exit debugvals_exit(void)
{
	debugfs_remove_recursive(dir);
	pr_info("debugvals: small=%u counter=%u flags=%#x verbose=%d\n", small, counter, flags, verbose);
}

module_init(debugvals_init);
module_exit(debugvals_exit);
MODULE_LICENSE("GPL");
