// strlcat() into a buffer that already fills its size
#include <linux/module.h>
#include <linux/string.h>

static struct {
	char d[4];
	char pad[12];
} s = { .d = "abcd" };

static int __init lcat_init(void)
{
	size_t n = strlcat(s.d, "xy", sizeof(s.d));

	pr_info("lcat: %zu\n", n);
	return 0;
}

module_init(lcat_init);
MODULE_LICENSE("GPL");
