/*
 * paramsleep.c - a module_param_cb whose set op takes a mutex and waits for the device
 */
#include <linux/delay.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>

static DEFINE_MUTEX(rate_lock);
static int rate = 100;

static int rate_set(const char *val, const struct kernel_param *kp)
{
    int n, ret;

    ret = kstrtoint(val, 10, &n);
    if (ret)
        return ret;
    if (n < 1 || n > 1000)
        return -ERANGE;
    mutex_lock(&rate_lock);
    msleep(10);             /* the device needs time to take a new rate */
    *(int *)kp->arg = n;
    mutex_unlock(&rate_lock);
    pr_info("paramsleep: rate now %d\n", n);
    return 0;
}

static const struct kernel_param_ops rate_ops = {
    .set = rate_set,
    .get = param_get_int,
};

module_param_cb(rate, &rate_ops, &rate, 0644);
MODULE_PARM_DESC(rate, "Sample rate (1-1000)");

static int __init paramsleep_init(void)
{
    pr_info("paramsleep: loaded, rate %d\n", rate);
    return 0;
}

static void __exit paramsleep_exit(void)
{
    pr_info("paramsleep: unloaded, rate %d\n", rate);
}

module_init(paramsleep_init);
module_exit(paramsleep_exit);
MODULE_LICENSE("GPL");
