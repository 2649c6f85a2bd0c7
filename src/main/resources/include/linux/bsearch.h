/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bsearch.h: binary search in a sorted array. cmp(key, element) returns
 * <0, 0 or >0; the element found, or NULL. bsearch() is lib/bsearch.c's
 * export; __inline_bsearch() is the same search compiled into the caller.
 */
#ifndef _LINUX_BSEARCH_H
#define _LINUX_BSEARCH_H

#include <linux/types.h>

static __always_inline
void *__inline_bsearch(const void *key, const void *base, size_t num, size_t size, cmp_func_t cmp)
{
	while (num > 0) {
		const char *pivot = base + (num >> 1) * size;
		int result = cmp(key, pivot);

		if (result == 0)
			return (void *)pivot;
		if (result > 0) {
			/* the upper half, after the pivot */
			base = pivot + size;
			num--;
		}
		num >>= 1;
	}
	return NULL;
}

extern void *bsearch(const void *key, const void *base, size_t num, size_t size, cmp_func_t cmp);

#endif /* _LINUX_BSEARCH_H */
