// A constant memcpy size past the whole struct does not build
#include <linux/module.h>
#include <linux/string.h>

struct record {
	char tag[4];
	int id;
};

static struct record rec;

static int __init memfort3_init(void)
{
	memcpy(rec.tag, "0123456789abcdef", 16);
	return 0;
}

static void __exit memfort3_exit(void)
{
}

module_init(memfort3_init);
module_exit(memfort3_exit);
MODULE_LICENSE("GPL");
