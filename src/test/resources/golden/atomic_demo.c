/*
 * atomic_demo.c - atomic_t and atomic64_t operations, bit operations, and
 * a refcount that goes to zero.
 */
#include <linux/atomic.h>
#include <linux/bitops.h>
#include <linux/init.h>
#include <linux/module.h>

static atomic_t a = ATOMIC_INIT(3);
static atomic64_t big = ATOMIC64_INIT(1);
static unsigned long bits;

static int __init atomic_demo_init(void)
{
	int r1, r2, r3, r4;

	r1 = atomic_inc_return(&a);
	r2 = atomic_add_return(10, &a);
	r3 = atomic_cmpxchg(&a, 14, 20);
	r4 = atomic_cmpxchg(&a, 14, 30);
	pr_info("inc_return=%d add_return=%d cmpxchg=%d,%d now=%d\n", r1, r2, r3, r4, atomic_read(&a));
	r1 = atomic_add_unless(&a, 1, 20);
	r2 = atomic_xchg(&a, 1);
	r3 = atomic_dec_and_test(&a);
	pr_info("add_unless=%d xchg=%d dec_and_test=%d now=%d\n", r1, r2, r3, atomic_read(&a));
	atomic64_add(1LL << 40, &big);
	pr_info("atomic64=%lld\n", (long long)atomic64_read(&big));
	set_bit(3, &bits);
	r1 = test_and_set_bit(3, &bits);
	r2 = test_and_clear_bit(3, &bits);
	r3 = test_bit(3, &bits);
	pr_info("bits: test_and_set=%d test_and_clear=%d test=%d\n", r1, r2, r3);
	return 0;
}

static void __exit atomic_demo_exit(void)
{
	pr_info("atomic_demo exit\n");
}

module_init(atomic_demo_init);
module_exit(atomic_demo_exit);
MODULE_LICENSE("GPL");
