/*
 * hrtimer_tick.c - a high-resolution timer that fires every 50 ms, three
 * times, by forwarding itself and returning HRTIMER_RESTART.
 */
#include <linux/hrtimer.h>
#include <linux/init.h>
#include <linux/ktime.h>
#include <linux/module.h>

static struct hrtimer hr;
static int shots;

static enum hrtimer_restart hr_fn(struct hrtimer *t)
{
	shots++;
	pr_info("hrtimer shot %d (in_interrupt=%d)\n", shots, in_interrupt() ? 1 : 0);
	if (shots == 3)
		return HRTIMER_NORESTART;
	hrtimer_forward_now(t, ms_to_ktime(50));
	return HRTIMER_RESTART;
}

static int __init hrtimer_tick_init(void)
{
	hrtimer_init(&hr, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	hr.function = hr_fn;
	hrtimer_start(&hr, ms_to_ktime(50), HRTIMER_MODE_REL);
	pr_info("hrtimer started, active=%d\n", hrtimer_active(&hr) ? 1 : 0);
	return 0;
}

static void __exit hrtimer_tick_exit(void)
{
	int ret = hrtimer_cancel(&hr);

	pr_info("hrtimer_cancel=%d shots=%d\n", ret, shots);
}

module_init(hrtimer_tick_init);
module_exit(hrtimer_tick_exit);
MODULE_LICENSE("GPL");
