/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sort.h: lib/sort.c's heapsort. kplay's kernel sorts with 6.1's own steps
 * (the bottom-up sift-down), so cmp_func is called on the same pairs in the
 * same order, and equal elements end where they end on Linux (the sort is
 * not stable). A NULL swap_func swaps the bytes; a given one is called.
 */
#ifndef _LINUX_SORT_H
#define _LINUX_SORT_H

#include <linux/types.h>

void sort_r(void *base, size_t num, size_t size,
	    cmp_r_func_t cmp_func,
	    swap_r_func_t swap_func,
	    const void *priv);

void sort(void *base, size_t num, size_t size,
	  cmp_func_t cmp_func,
	  swap_func_t swap_func);

#endif
