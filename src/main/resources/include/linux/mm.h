/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H

/*
 * kplay's <linux/mm.h>: the page-size helpers and allocator entry points a
 * module uses; struct page, VMAs and mmap are not simulated.
 */
#include <linux/gfp.h>
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/overflow.h>
#include <asm/page.h>
#include <asm/processor.h>

#define PAGE_ALIGNED(addr)	IS_ALIGNED((unsigned long)(addr), PAGE_SIZE)
#define offset_in_page(p)	((unsigned long)(p) & ~PAGE_MASK)

extern bool is_vmalloc_addr(const void *x);

#endif /* _LINUX_MM_H */
