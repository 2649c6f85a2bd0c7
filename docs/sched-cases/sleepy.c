/*
 * sleepy.c - jiffies and the sleeping and delaying functions: how long each
 * one really took, measured with jiffies and ktime_get().
 */
#include <linux/delay.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/module.h>

static int __init sleepy_init(void)
{
	unsigned long j0;
	ktime_t t0;
	s64 ms;

	pr_info("HZ=%d msecs_to_jiffies(10)=%lu msecs_to_jiffies(1000)=%lu jiffies_to_msecs(25)=%u\n",
		HZ, msecs_to_jiffies(10), msecs_to_jiffies(1000), jiffies_to_msecs(25));
	pr_info("usecs_to_jiffies(4000)=%lu jiffies_to_usecs(1)=%u\n", usecs_to_jiffies(4000), jiffies_to_usecs(1));

	j0 = jiffies;
	t0 = ktime_get();
	msleep(100);
	ms = ktime_ms_delta(ktime_get(), t0);
	pr_info("msleep(100): at least 100 ms: %s, at least 25 jiffies: %s\n",
		ms >= 100 ? "yes" : "no", time_after_eq(jiffies, j0 + 25) ? "yes" : "no");

	t0 = ktime_get();
	ssleep(1);
	ms = ktime_ms_delta(ktime_get(), t0);
	pr_info("ssleep(1): at least 1000 ms: %s\n", ms >= 1000 ? "yes" : "no");

	t0 = ktime_get();
	usleep_range(2000, 3000);
	pr_info("usleep_range(2000, 3000): at least 2 ms: %s\n",
		ktime_us_delta(ktime_get(), t0) >= 2000 ? "yes" : "no");

	t0 = ktime_get();
	mdelay(30);
	udelay(500);
	pr_info("mdelay(30)+udelay(500): at least 30 ms: %s\n", ktime_ms_delta(ktime_get(), t0) >= 30 ? "yes" : "no");
	pr_info("time_before(jiffies, j0)=%d\n", time_before(jiffies, j0) ? 1 : 0);
	return 0;
}

static void __exit sleepy_exit(void)
{
	pr_info("sleepy exit\n");
}

module_init(sleepy_init);
module_exit(sleepy_exit);
MODULE_LICENSE("GPL");
