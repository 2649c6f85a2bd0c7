// A proc file whose writes copy the line into fixed-size buffers with memcpy, memmove and memset
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/uaccess.h>

struct record {
	char tag[4];
	int id;
	char note[8];
	long stamp;
};

static struct record rec;
static char line[64];

static ssize_t memfort_write(struct file *file, const char __user *ubuf, size_t count, loff_t *ppos)
{
	char buf[8];
	size_t n = min(count, sizeof(line));

	if (copy_from_user(line, ubuf, n))
		return -EFAULT;
	n = count - 1;	/* without the newline */
	switch (line[0]) {
	case 't':	/* the tag: 4 bytes, but the struct goes on */
		memcpy(rec.tag, line, n);
		pr_info("memfort: tag %.4s\n", rec.tag);
		break;
	case 'n':	/* the note, in the middle of the struct */
		memmove(rec.note, line, n);
		pr_info("memfort: note %.8s\n", rec.note);
		break;
	case 'b':	/* a buffer on the stack */
		memcpy(buf, line, n);
		pr_info("memfort: buf %.8s\n", buf);
		break;
	case 'z':	/* clear the stack buffer, n bytes */
		memset(buf, 0, n);
		pr_info("memfort: cleared %zu\n", n);
		break;
	case 'r':	/* clear the record's tag, n bytes */
		memset(rec.tag, 0, n);
		pr_info("memfort: tag cleared %zu\n", n);
		break;
	}
	return count;
}

static const struct proc_ops memfort_ops = {
	.proc_write = memfort_write,
};

static int __init memfort_init(void)
{
	return proc_create("memfort", 0222, NULL, &memfort_ops) ? 0 : -ENOMEM;
}

static void __exit memfort_exit(void)
{
	remove_proc_entry("memfort", NULL);
}

module_init(memfort_init);
module_exit(memfort_exit);
MODULE_LICENSE("GPL");
