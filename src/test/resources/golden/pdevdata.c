/*
 * pdevdata.c - a platform device carrying platform data to its driver, two instances
 */
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/slab.h>

struct led_pdata {
    int gpio;
    const char *color;
};

struct led_priv {
    int on;
    struct led_pdata pdata;
};

static struct platform_device *leds[2];

static int pdled_probe(struct platform_device *pdev)
{
    struct led_pdata *pd = dev_get_platdata(&pdev->dev);
    struct led_priv *priv;

    if (!pd) {
        dev_err(&pdev->dev, "no platform data\n");
        return -EINVAL;
    }
    priv = devm_kzalloc(&pdev->dev, sizeof(*priv), GFP_KERNEL);
    if (!priv)
        return -ENOMEM;
    priv->pdata = *pd;
    platform_set_drvdata(pdev, priv);
    dev_info(&pdev->dev, "%s led on gpio %d (id %d)\n", pd->color, pd->gpio, pdev->id);
    return 0;
}

static int pdled_remove(struct platform_device *pdev)
{
    struct led_priv *priv = platform_get_drvdata(pdev);

    dev_info(&pdev->dev, "%s led off\n", priv->pdata.color);
    return 0;
}

static struct platform_driver pdled_driver = {
    .probe = pdled_probe,
    .remove = pdled_remove,
    .driver = { .name = "pdled" },
};

static int __init pdevdata_init(void)
{
    struct led_pdata red = { .gpio = 17, .color = "red" };
    struct led_pdata green = { .gpio = 27, .color = "green" };
    int ret = platform_driver_register(&pdled_driver);

    if (ret)
        return ret;
    leds[0] = platform_device_register_data(NULL, "pdled", 0, &red, sizeof(red));
    leds[1] = platform_device_register_data(NULL, "pdled", 1, &green, sizeof(green));
    if (IS_ERR(leds[0]) || IS_ERR(leds[1]))
        pr_err("pdevdata: a device failed\n");
    return 0;
}

static void __exit pdevdata_exit(void)
{
    platform_device_unregister(leds[1]);
    platform_device_unregister(leds[0]);
    platform_driver_unregister(&pdled_driver);
}

module_init(pdevdata_init);
module_exit(pdevdata_exit);
MODULE_LICENSE("GPL");
