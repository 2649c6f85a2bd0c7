/*
 * strings.c - string.h and kernel string helpers.
 */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/string.h>

static int __init strings_init(void)
{
	char buf[32];
	char dst[8];
	const char *s = "kernel module";
	char *p;
	long val;
	unsigned int u;
	int ret;

	pr_info("strlen=%zu strnlen=%zu\n", strlen(s), strnlen(s, 4));
	strcpy(buf, "abc");
	strcat(buf, "def");
	pr_info("strcpy+strcat: %s\n", buf);
	pr_info("strcmp: %d %d %d\n", strcmp("a", "b") < 0, strcmp("b", "a") > 0, strcmp("x", "x"));
	pr_info("strncmp: %d\n", strncmp("abcdef", "abcxyz", 3));
	p = strchr(s, 'm');
	pr_info("strchr: %s\n", p);
	p = strrchr(s, 'e');
	pr_info("strrchr: %s\n", p);
	p = strstr(s, "mod");
	pr_info("strstr: %s\n", p);
	ret = strscpy(dst, "overflowing", sizeof(dst));
	pr_info("strscpy: %s ret=%d\n", dst, ret);
	memset(buf, 'z', 5);
	buf[5] = '\0';
	pr_info("memset: %s\n", buf);
	memcpy(buf, "12345", 6);
	pr_info("memcpy: %s memcmp=%d\n", buf, memcmp(buf, "12345", 5));
	ret = kstrtol("-1234", 10, &val);
	pr_info("kstrtol: ret=%d val=%ld\n", ret, val);
	ret = kstrtouint("0x1f", 0, &u);
	pr_info("kstrtouint: ret=%d val=%u\n", ret, u);
	ret = kstrtouint("12abc", 10, &u);
	pr_info("kstrtouint bad: ret=%d\n", ret);
	ret = sprintf(buf, "%d-%s", 7, "x");
	pr_info("sprintf: %s ret=%d\n", buf, ret);
	ret = snprintf(buf, 4, "%s", "abcdefgh");
	pr_info("snprintf: %s ret=%d\n", buf, ret);
	ret = scnprintf(buf, 4, "%s", "abcdefgh");
	pr_info("scnprintf: %s ret=%d\n", buf, ret);
	return 0;
}

static void __exit strings_exit(void)
{
}

module_init(strings_init);
module_exit(strings_exit);
MODULE_LICENSE("GPL");
