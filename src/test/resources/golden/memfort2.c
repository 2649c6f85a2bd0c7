// Constant sizes that do not fit: gcc warns at build time, and the kernel still checks at run time
#include <linux/module.h>
#include <linux/string.h>

struct record {
	char tag[4];
	int id;
	char note[8];
};

static struct record rec;

static int __init memfort2_init(void)
{
	char small[8];

	memcpy(rec.tag, "abcdef", 6);
	pr_info("memfort2: tag %.4s id %d\n", rec.tag, rec.id);
	memset(rec.tag, 0, 6);
	pr_info("memfort2: tag %.4s id %d\n", rec.tag, rec.id);
	memcpy(small, "0123456789abcdef", 16);
	pr_info("memfort2: small %.8s\n", small);
	return 0;
}

static void __exit memfort2_exit(void)
{
}

module_init(memfort2_init);
module_exit(memfort2_exit);
MODULE_LICENSE("GPL");
