/*
 * probewait.c - a probe that starts its device from a work item and waits for it to report ready
 */
#include <linux/completion.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/workqueue.h>

static struct platform_device *pdev;
static DECLARE_COMPLETION(ready);
static int boot_steps;

static void bring_up(struct work_struct *work)
{
    boot_steps = 3;
    pr_info("probewait: firmware loaded in %d steps\n", boot_steps);
    complete(&ready);
}

static DECLARE_DELAYED_WORK(bring_up_work, bring_up);

static int probewait_probe(struct platform_device *dev)
{
    unsigned long left;

    schedule_delayed_work(&bring_up_work, msecs_to_jiffies(30));
    left = wait_for_completion_timeout(&ready, msecs_to_jiffies(1000));
    if (!left) {
        dev_err(&dev->dev, "device did not come up\n");
        return -ETIMEDOUT;
    }
    dev_info(&dev->dev, "ready after %d steps, %s\n", boot_steps, left > msecs_to_jiffies(900) ? "fast" : "slow");
    return 0;
}

static int probewait_remove(struct platform_device *dev)
{
    dev_info(&dev->dev, "bye\n");
    return 0;
}

static struct platform_driver probewait_driver = {
    .probe = probewait_probe,
    .remove = probewait_remove,
    .driver = { .name = "probewait" },
};

static int __init probewait_init(void)
{
    int ret = platform_driver_register(&probewait_driver);

    if (ret)
        return ret;
    pdev = platform_device_register_simple("probewait", -1, NULL, 0);
    if (IS_ERR(pdev)) {
        platform_driver_unregister(&probewait_driver);
        return PTR_ERR(pdev);
    }
    return 0;
}

static void __exit probewait_exit(void)
{
    platform_device_unregister(pdev);
    platform_driver_unregister(&probewait_driver);
}

module_init(probewait_init);
module_exit(probewait_exit);
MODULE_LICENSE("GPL");
