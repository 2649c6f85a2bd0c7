/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_RANDOM_H
#define _LINUX_RANDOM_H

#include <linux/types.h>

void get_random_bytes(void *buf, size_t len);
u32 get_random_u32(void);
u64 get_random_u64(void);
static inline unsigned int get_random_int(void) { return get_random_u32(); }
static inline unsigned long get_random_long(void) { return get_random_u64(); }
u32 prandom_u32(void);
u32 __get_random_u32_below(u32 ceil);

static inline u32 prandom_u32_max(u32 ep_ro)
{
	return __get_random_u32_below(ep_ro);
}

#endif /* _LINUX_RANDOM_H */
