/*
 * debugattr.c - debugfs beyond plain values: a DEFINE_DEBUGFS_ATTRIBUTE file
 * with its own get/set, a file with the module's own read/write, a u32 array,
 * a signed atomic_t, a write-only x16, and the error for a name used twice.
 */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/string.h>

static struct dentry *dir;
static u64 temp = 25;
static u32 arr[] = { 1, 20, 300 };
static struct debugfs_u32_array array = { .array = arr, .n_elements = 3 };
static atomic_t hits = ATOMIC_INIT(-3);
static u16 mask = 0x0f0f;
static char msg[32] = "hello\n";

static int temp_get(void *data, u64 *val)
{
	*val = *(u64 *)data * 10;
	return 0;
}

static int temp_set(void *data, u64 val)
{
	if (val > 1000)
		return -ERANGE;
	*(u64 *)data = val / 10;
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(temp_fops, temp_get, temp_set, "%llu\n");

static ssize_t msg_read(struct file *f, char __user *buf, size_t len, loff_t *ppos)
{
	return simple_read_from_buffer(buf, len, ppos, msg, strlen(msg));
}

static ssize_t msg_write(struct file *f, const char __user *buf, size_t len, loff_t *ppos)
{
	ssize_t n = simple_write_to_buffer(msg, sizeof(msg) - 1, ppos, buf, len);

	if (n > 0)
		msg[*ppos] = '\0';
	return n;
}

static const struct file_operations msg_fops = {
	.owner = THIS_MODULE,
	.read = msg_read,
	.write = msg_write,
};

static int __init debugattr_init(void)
{
	struct dentry *again;

	dir = debugfs_create_dir("debugattr", NULL);
	debugfs_create_file("temp", 0644, dir, &temp, &temp_fops);
	debugfs_create_file("msg", 0600, dir, NULL, &msg_fops);
	debugfs_create_u32_array("arr", 0444, dir, &array);
	debugfs_create_atomic_t("hits", 0644, dir, &hits);
	debugfs_create_x16("mask", 0200, dir, &mask);
	again = debugfs_create_dir("debugattr", NULL);
	pr_info("debugattr: second directory: %ld\n", PTR_ERR(again));
	return 0;
}

static void __exit debugattr_exit(void)
{
	debugfs_remove_recursive(dir);
	pr_info("debugattr: temp=%llu hits=%d mask=%#x msg=%s", temp, atomic_read(&hits), mask, msg);
}

module_init(debugattr_init);
module_exit(debugattr_exit);
MODULE_LICENSE("GPL");
