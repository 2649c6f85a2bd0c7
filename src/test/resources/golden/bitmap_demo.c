/*
 * bitmap_demo.c - a 100-slot allocation bitmap: set_bit/test_and_set_bit,
 * find_first_zero_bit, bitmap_weight, for_each_set_bit, and %*pbl.
 */
#include <linux/bitmap.h>
#include <linux/bitops.h>
#include <linux/init.h>
#include <linux/module.h>

#define SLOTS 100

static DECLARE_BITMAP(slots, SLOTS);

static int __init bitmap_demo_init(void)
{
	unsigned long bit;
	int n = 0;

	bitmap_zero(slots, SLOTS);
	set_bit(3, slots);
	set_bit(4, slots);
	set_bit(64, slots);
	bitmap_set(slots, 10, 5);
	pr_info("bitmap_demo: test_and_set(4)=%d test_and_set(5)=%d\n",
		test_and_set_bit(4, slots), test_and_set_bit(5, slots));
	clear_bit(10, slots);
	pr_info("bitmap_demo: weight=%u first zero=%lu first set=%lu\n",
		bitmap_weight(slots, SLOTS), find_first_zero_bit(slots, SLOTS),
		find_first_bit(slots, SLOTS));
	pr_info("bitmap_demo: next zero after 3: %lu\n", find_next_zero_bit(slots, SLOTS, 3));
	for_each_set_bit(bit, slots, SLOTS)
		n++;
	pr_info("bitmap_demo: %d set: %*pbl\n", n, SLOTS, slots);
	pr_info("bitmap_demo: mask %*pb\n", SLOTS, slots);
	return 0;
}

static void __exit bitmap_demo_exit(void)
{
	pr_info("bitmap_demo: full=%d\n", bitmap_full(slots, SLOTS));
}

module_init(bitmap_demo_init);
module_exit(bitmap_demo_exit);
MODULE_LICENSE("GPL");
