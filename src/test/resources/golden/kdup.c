/*
 * kdup.c - growing and copying kernel memory: krealloc, kstrdup, kmemdup
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>

struct point {
	int x, y;
};

static int __init kdup_init(void)
{
	struct point origin = { 3, 4 };
	struct point *copy;
	char *name, *part, *msg;
	int *arr, *bigger;
	volatile size_t huge = SIZE_MAX / 2;
	int i;

	arr = kmalloc_array(4, sizeof(int), GFP_KERNEL);
	if (!arr)
		return -ENOMEM;
	for (i = 0; i < 4; i++)
		arr[i] = i * i;
	pr_info("kdup: ksize(arr) = %zu\n", ksize(arr));
	bigger = krealloc(arr, 40 * sizeof(int), GFP_KERNEL);
	if (!bigger) {
		kfree(arr);
		return -ENOMEM;
	}
	pr_info("kdup: after krealloc ksize = %zu, arr[3] = %d\n", ksize(bigger), bigger[3]);
	kfree(bigger);

	name = kstrdup("kernel playground", GFP_KERNEL);
	part = kstrndup("kernel playground", 6, GFP_KERNEL);
	copy = kmemdup(&origin, sizeof(origin), GFP_KERNEL);
	msg = kasprintf(GFP_KERNEL, "%s/%d", "kplay", 42);
	if (name && part && copy && msg) {
		pr_info("kdup: '%s' '%s' (%d,%d) '%s' ksize(msg) = %zu\n", name, part, copy->x, copy->y, msg, ksize(msg));
	}
	kfree(msg);
	kfree(copy);
	kfree(part);
	kfree(name);

	arr = kcalloc(8, sizeof(int), GFP_KERNEL);
	pr_info("kdup: kcalloc arr[7] = %d\n", arr ? arr[7] : -1);
	kfree(arr);
	arr = kmalloc_array(huge, sizeof(int), GFP_KERNEL);
	pr_info("kdup: overflowing kmalloc_array gives %s\n", arr ? "memory" : "NULL");
	pr_info("kdup: kstrdup(NULL) gives %s\n", kstrdup(NULL, GFP_KERNEL) ? "memory" : "NULL");
	return 0;
}

static void __exit kdup_exit(void)
{
	pr_info("kdup: bye\n");
}

module_init(kdup_init);
module_exit(kdup_exit);
MODULE_LICENSE("GPL");
