/* strconv.c: the kernel's string helpers, with their error codes */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/sort.h>
#include <linux/bsearch.h>

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return x < y ? -1 : x > y;
}

static int __init strconv_init(void)
{
	const char *inputs[] = { "42", "-17", "0x1f", "12abc", "", "99999999999", " 5", "7\n" };
	int nums[] = { 31, 4, 15, 9, 26, 5, 3 };
	char buf[8];
	int i, v, key = 26, *found;
	unsigned long ul;
	int a, b;
	char word[16];

	for (i = 0; i < ARRAY_SIZE(inputs); i++) {
		int ret = kstrtoint(inputs[i], 0, &v);

		pr_info("strconv: kstrtoint(\"%s\") = %d, v = %d\n", inputs[i], ret, ret ? 0 : v);
	}
	pr_info("strconv: kstrtoul(\"-1\") = %d\n", kstrtoul("-1", 10, &ul));
	pr_info("strconv: kstrtoul(\"4096\") = %d, %lu\n", kstrtoul("4096", 10, &ul), ul);
	pr_info("strconv: sscanf = %d\n", sscanf("10 20 kernel", "%d %d %15s", &a, &b, word));
	pr_info("strconv: a=%d b=%d word=%s\n", a, b, word);
	pr_info("strconv: strscpy = %zd, buf \"%s\"\n", strscpy(buf, "overflowing", sizeof(buf)), buf);
	pr_info("strconv: strscpy = %zd, buf \"%s\"\n", strscpy(buf, "fits", sizeof(buf)), buf);
	pr_info("strconv: snprintf = %d, buf \"%s\"\n", snprintf(buf, sizeof(buf), "%d-%d", 1234, 5678), buf);
	pr_info("strconv: scnprintf = %d\n", scnprintf(buf, sizeof(buf), "%d-%d", 1234, 5678));
	sort(nums, ARRAY_SIZE(nums), sizeof(int), cmp_int, NULL);
	for (i = 0; i < ARRAY_SIZE(nums); i++)
		pr_info("strconv: nums[%d] = %d\n", i, nums[i]);
	found = bsearch(&key, nums, ARRAY_SIZE(nums), sizeof(int), cmp_int);
	pr_info("strconv: 26 at index %ld\n", found ? (long)(found - nums) : -1L);
	pr_info("strconv: strim \"%s\"\n", strim(word));
	pr_info("strconv: strstr %s, strchr %s\n", strstr("hello world", "wor"), strchr("a=b", '='));
	pr_info("strconv: memcmp %d, strncmp %d\n", memcmp("abc", "abd", 3) < 0, strncmp("abc", "abd", 2));
	return 0;
}

static void __exit strconv_exit(void)
{
}

module_init(strconv_init);
module_exit(strconv_exit);
MODULE_LICENSE("GPL");
