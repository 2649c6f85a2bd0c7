/*
 * probesleep.c - a platform driver whose probe waits for its hardware to settle
 */
#include <linux/delay.h>
#include <linux/module.h>
#include <linux/platform_device.h>

static struct platform_device *pdev;

static int probesleep_probe(struct platform_device *dev)
{
    dev_info(&dev->dev, "probing, waiting 20 ms\n");
    msleep(20);
    dev_info(&dev->dev, "settled\n");
    return 0;
}

static int probesleep_remove(struct platform_device *dev)
{
    dev_info(&dev->dev, "removed\n");
    return 0;
}

static struct platform_driver probesleep_driver = {
    .probe = probesleep_probe,
    .remove = probesleep_remove,
    .driver = { .name = "probesleep" },
};

static int __init probesleep_init(void)
{
    int ret = platform_driver_register(&probesleep_driver);

    if (ret)
        return ret;
    pdev = platform_device_register_simple("probesleep", -1, NULL, 0);
    if (IS_ERR(pdev)) {
        platform_driver_unregister(&probesleep_driver);
        return PTR_ERR(pdev);
    }
    pr_info("probesleep: device registered\n");
    return 0;
}

static void __exit probesleep_exit(void)
{
    platform_device_unregister(pdev);
    platform_driver_unregister(&probesleep_driver);
    pr_info("probesleep: gone\n");
}

module_init(probesleep_init);
module_exit(probesleep_exit);
MODULE_LICENSE("GPL");
