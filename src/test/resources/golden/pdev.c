/*
 * pdev.c - a platform driver for a virtual device: probe, remove, dev_info
 *
 * The module registers both the driver and a device of the same name, so the
 * driver core binds them and calls probe; rmmod unbinds and calls remove.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/platform_device.h>
#include <linux/device.h>
#include <linux/slab.h>
#include <linux/pm.h>

#define DRV_NAME "kplay-pdev"

struct pdev_priv {
	int counter;
	char label[16];
};

static struct platform_device *pdev_dev;

static int pdev_probe(struct platform_device *pdev)
{
	struct pdev_priv *priv;

	priv = devm_kzalloc(&pdev->dev, sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;
	priv->counter = 7;
	snprintf(priv->label, sizeof(priv->label), "unit-%d", pdev->id);
	platform_set_drvdata(pdev, priv);
	dev_info(&pdev->dev, "probed, label %s, name %s, id %d\n", priv->label,
		 pdev->name, pdev->id);
	dev_warn(&pdev->dev, "this device is virtual\n");
	dev_dbg(&pdev->dev, "debug message is not printed\n");
	return 0;
}

static int pdev_remove(struct platform_device *pdev)
{
	struct pdev_priv *priv = platform_get_drvdata(pdev);

	dev_info(&pdev->dev, "remove, counter %d, dev_name %s\n", priv->counter,
		 dev_name(&pdev->dev));
	return 0;
}

static int pdev_suspend(struct device *dev)
{
	dev_info(dev, "suspend\n");
	return 0;
}

static int pdev_resume(struct device *dev)
{
	dev_info(dev, "resume\n");
	return 0;
}

static SIMPLE_DEV_PM_OPS(pdev_pm_ops, pdev_suspend, pdev_resume);

static struct platform_driver pdev_driver = {
	.probe = pdev_probe,
	.remove = pdev_remove,
	.driver = {
		.name = DRV_NAME,
		.pm = &pdev_pm_ops,
	},
};

static int __init pdev_init(void)
{
	int ret;

	ret = platform_driver_register(&pdev_driver);
	if (ret)
		return ret;
	pdev_dev = platform_device_register_simple(DRV_NAME, 0, NULL, 0);
	if (IS_ERR(pdev_dev)) {
		platform_driver_unregister(&pdev_driver);
		return PTR_ERR(pdev_dev);
	}
	pr_info("pdev: device %s registered, bound to %s\n", dev_name(&pdev_dev->dev),
		pdev_dev->dev.driver ? pdev_dev->dev.driver->name : "(none)");
	return 0;
}

static void __exit pdev_exit(void)
{
	platform_device_unregister(pdev_dev);
	platform_driver_unregister(&pdev_driver);
	pr_info("pdev: unregistered\n");
}

module_init(pdev_init);
module_exit(pdev_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("platform driver example");
