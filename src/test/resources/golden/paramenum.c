/*
 * paramenum.c - a module_param_cb that takes a level by name and shows it by name
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/string.h>

static const char *const levels[] = { "low", "medium", "high" };
static int level = 1;

static int level_set(const char *val, const struct kernel_param *kp)
{
    int i = sysfs_match_string(levels, val);

    if (i < 0) {
        pr_warn("paramenum: unknown level '%s'\n", strim((char *)val));
        return i;
    }
    *(int *)kp->arg = i;
    return 0;
}

static int level_get(char *buffer, const struct kernel_param *kp)
{
    return sprintf(buffer, "%s\n", levels[*(int *)kp->arg]);
}

static const struct kernel_param_ops level_ops = {
    .set = level_set,
    .get = level_get,
};

module_param_cb(level, &level_ops, &level, 0644);
MODULE_PARM_DESC(level, "Level: low, medium or high");

static int __init paramenum_init(void)
{
    pr_info("paramenum: level %s\n", levels[level]);
    return 0;
}

static void __exit paramenum_exit(void)
{
    pr_info("paramenum: level was %s\n", levels[level]);
}

module_init(paramenum_init);
module_exit(paramenum_exit);
MODULE_LICENSE("GPL");
