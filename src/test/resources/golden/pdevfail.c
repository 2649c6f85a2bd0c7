/*
 * pdevfail.c - device messages before binding, and a probe that fails
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/platform_device.h>
#include <linux/device.h>

static struct platform_device *early, *bad;

static int fail_probe(struct platform_device *pdev)
{
	dev_err(&pdev->dev, "cannot find the hardware\n");
	return -EINVAL;
}

static int fail_remove(struct platform_device *pdev)
{
	dev_info(&pdev->dev, "remove is never called\n");
	return 0;
}

static struct platform_driver fail_driver = {
	.probe = fail_probe,
	.remove = fail_remove,
	.driver = {
		.name = "kplay-fail",
	},
};

static int __init pdevfail_init(void)
{
	int ret;

	early = platform_device_register_simple("kplay-early", -1, NULL, 0);
	if (IS_ERR(early))
		return PTR_ERR(early);
	dev_info(&early->dev, "no driver yet\n");
	dev_notice(&early->dev, "driver is %s\n", early->dev.driver ? "bound" : "missing");

	ret = platform_driver_register(&fail_driver);
	if (ret) {
		platform_device_unregister(early);
		return ret;
	}
	bad = platform_device_register_simple("kplay-fail", 3, NULL, 0);
	if (IS_ERR(bad)) {
		platform_driver_unregister(&fail_driver);
		platform_device_unregister(early);
		return PTR_ERR(bad);
	}
	pr_info("pdevfail: %s bound: %s\n", dev_name(&bad->dev), bad->dev.driver ? "yes" : "no");
	return 0;
}

static void __exit pdevfail_exit(void)
{
	platform_device_unregister(bad);
	platform_driver_unregister(&fail_driver);
	platform_device_unregister(early);
	pr_info("pdevfail: done\n");
}

module_init(pdevfail_init);
module_exit(pdevfail_exit);
MODULE_LICENSE("GPL");
