/*
 * devres.c - managed resources: released in reverse order after remove
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/platform_device.h>
#include <linux/device.h>
#include <linux/slab.h>

static struct platform_device *res_dev;

static void release_a(void *data)
{
	pr_info("devres: release %s\n", (char *)data);
}

static int res_probe(struct platform_device *pdev)
{
	char *a, *b;
	int ret;

	a = devm_kstrdup(&pdev->dev, "first", GFP_KERNEL);
	b = devm_kasprintf(&pdev->dev, GFP_KERNEL, "second-%d", pdev->id);
	if (!a || !b)
		return -ENOMEM;
	ret = devm_add_action_or_reset(&pdev->dev, release_a, a);
	if (ret)
		return ret;
	ret = devm_add_action(&pdev->dev, release_a, b);
	if (ret)
		return ret;
	dev_info(&pdev->dev, "probe done\n");
	return 0;
}

static int res_remove(struct platform_device *pdev)
{
	dev_info(&pdev->dev, "remove\n");
	return 0;
}

static struct platform_driver res_driver = {
	.probe = res_probe,
	.remove = res_remove,
	.driver = { .name = "kplay-res" },
};

static int __init devres_init(void)
{
	int ret = platform_driver_register(&res_driver);

	if (ret)
		return ret;
	res_dev = platform_device_register_simple("kplay-res", PLATFORM_DEVID_NONE, NULL, 0);
	if (IS_ERR(res_dev)) {
		platform_driver_unregister(&res_driver);
		return PTR_ERR(res_dev);
	}
	return 0;
}

static void __exit devres_exit(void)
{
	pr_info("devres: unregistering device\n");
	platform_device_unregister(res_dev);
	platform_driver_unregister(&res_driver);
	pr_info("devres: exit\n");
}

module_init(devres_init);
module_exit(devres_exit);
MODULE_LICENSE("GPL");
