typedef long ssize_t;
typedef unsigned long size_t;
typedef long long loff_t;
struct file;
struct file_operations {
	ssize_t (*read)(struct file *, char *, size_t, loff_t *);
	int (*open)(struct file *);
};
static int my_read(struct file *f, char *buf, size_t len, loff_t *off)
{
	return 0;
}
static int my_open(struct file *f)
{
	return 0;
}
static struct file_operations fops = {
	.read = my_read,
	.open = my_open,
	.write = my_open,
};
struct file_operations *get(void)
{
	return &fops;
}
