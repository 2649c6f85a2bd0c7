/*
 * paramcb.c - module parameters with their own set/get callbacks
 *
 * "level" accepts 0..5 only; "mode" takes a word and shows it upper-case;
 * writes through /sys/module/paramcb/parameters are checked the same way.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/string.h>
#include <linux/ctype.h>

static int level = 1;
static char mode[16] = "auto";
static int sets;

static int level_set(const char *val, const struct kernel_param *kp)
{
	int n, ret;

	ret = kstrtoint(val, 10, &n);
	if (ret)
		return ret;
	if (n < 0 || n > 5)
		return -ERANGE;
	sets++;
	pr_info("paramcb: level %d -> %d\n", *(int *)kp->arg, n);
	return param_set_int(val, kp);
}

static const struct kernel_param_ops level_ops = {
	.set = level_set,
	.get = param_get_int,
};
module_param_cb(level, &level_ops, &level, 0644);
MODULE_PARM_DESC(level, "verbosity, 0..5");

static int mode_set(const char *val, const struct kernel_param *kp)
{
	size_t len = strcspn(val, "\n");

	if (len == 0 || len >= sizeof(mode))
		return -EINVAL;
	if (strncmp(val, "auto", len) && strncmp(val, "fast", len) && strncmp(val, "safe", len))
		return -EINVAL;
	memcpy(mode, val, len);
	mode[len] = '\0';
	return 0;
}

static int mode_get(char *buffer, const struct kernel_param *kp)
{
	int i;

	for (i = 0; mode[i]; i++)
		buffer[i] = toupper(mode[i]);
	buffer[i++] = '\n';
	buffer[i] = '\0';
	return i;
}

static const struct kernel_param_ops mode_ops = {
	.set = mode_set,
	.get = mode_get,
};
module_param_cb(mode, &mode_ops, NULL, 0644);
MODULE_PARM_DESC(mode, "auto, fast or safe");

static int __init paramcb_init(void)
{
	pr_info("paramcb: init level=%d mode=%s sets=%d\n", level, mode, sets);
	return 0;
}

static void __exit paramcb_exit(void)
{
	pr_info("paramcb: exit level=%d mode=%s sets=%d\n", level, mode, sets);
}

module_init(paramcb_init);
module_exit(paramcb_exit);
MODULE_LICENSE("GPL");
