/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_TIMEKEEPING_H
#define _LINUX_TIMEKEEPING_H

#include <linux/types.h>
#include <linux/time64.h>

extern ktime_t ktime_get(void);
extern ktime_t ktime_get_real(void);
extern ktime_t ktime_get_boottime(void);
extern u64 ktime_get_mono_fast_ns(void);
extern time64_t ktime_get_seconds(void);
extern time64_t ktime_get_real_seconds(void);
extern void ktime_get_real_ts64(struct timespec64 *tv);
extern void ktime_get_ts64(struct timespec64 *ts);
extern void ktime_get_coarse_real_ts64(struct timespec64 *ts);
extern ktime_t ktime_get_raw(void);

static inline u64 ktime_get_ns(void)
{
	return ktime_get();
}

static inline u64 ktime_get_real_ns(void)
{
	return ktime_get_real();
}

static inline u64 ktime_get_boottime_ns(void)
{
	return ktime_get_boottime();
}

#endif
