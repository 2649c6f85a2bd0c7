/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * idr.h: ID to pointer maps (IDR) and ID allocators (IDA), lib/idr.c's
 * 6.1 interface.
 *
 * Layouts: struct idr (24 bytes) @0 struct xarray idr_rt (@0 xa_lock,
 * @4 xa_flags, @8 xa_head), @16 idr_base, @20 idr_next; struct ida (16) is an
 * xarray. kplay's kernel keeps the ids itself; xa_head is non-NULL exactly
 * while an id is allocated, as Linux's tree root is, so idr_is_empty() and
 * ida_is_empty() read it. The radix-tree and xarray interfaces underneath
 * (idr_preload_end, the tagged walks) are not declared; struct xarray is
 * xarray.h's.
 */

#ifndef __IDR_H__
#define __IDR_H__

#include <linux/types.h>
#include <linux/bug.h>
#include <linux/gfp.h>
#include <linux/spinlock.h>
#include <linux/err.h>
#include <linux/limits.h>
#include <linux/xarray.h>

struct idr {
	struct xarray	idr_rt;
	unsigned int	idr_base;
	unsigned int	idr_next;
};

#define IDR_INIT_BASE(name, base) {					\
	.idr_rt = { .xa_lock = __SPIN_LOCK_UNLOCKED(name.idr_rt.xa_lock), \
		    .xa_flags = 0, .xa_head = NULL },			\
	.idr_base = (base),						\
	.idr_next = 0,							\
}

#define IDR_INIT(name)	IDR_INIT_BASE(name, 0)

#define DEFINE_IDR(name)	struct idr name = IDR_INIT(name)

/* idr_get_cursor - where idr_alloc_cyclic() will start looking */
static inline unsigned int idr_get_cursor(const struct idr *idr)
{
	return READ_ONCE(idr->idr_next);
}

static inline void idr_set_cursor(struct idr *idr, unsigned int val)
{
	WRITE_ONCE(idr->idr_next, val);
}

void idr_preload(gfp_t gfp_mask);

int idr_alloc(struct idr *, void *ptr, int start, int end, gfp_t);
int __must_check idr_alloc_u32(struct idr *, void *ptr, u32 *id,
				unsigned long max, gfp_t);
int idr_alloc_cyclic(struct idr *, void *ptr, int start, int end, gfp_t);
void *idr_remove(struct idr *, unsigned long id);
void *idr_find(const struct idr *, unsigned long id);
int idr_for_each(const struct idr *,
		 int (*fn)(int id, void *p, void *data), void *data);
void *idr_get_next(struct idr *, int *nextid);
void *idr_get_next_ul(struct idr *, unsigned long *nextid);
void *idr_replace(struct idr *, void *, unsigned long id);
void idr_destroy(struct idr *);

static inline void idr_init_base(struct idr *idr, int base)
{
	idr->idr_rt.xa_lock.rlock.raw_lock.val.counter = 0;
	idr->idr_rt.xa_flags = 0;
	idr->idr_rt.xa_head = NULL;
	idr->idr_base = base;
	idr->idr_next = 0;
}

static inline void idr_init(struct idr *idr)
{
	idr_init_base(idr, 0);
}

/* idr_is_empty - whether no id is allocated */
static inline bool idr_is_empty(const struct idr *idr)
{
	return READ_ONCE(idr->idr_rt.xa_head) == NULL;
}

/* idr_for_each_entry - every allocated id with a non-NULL pointer, in order of id */
#define idr_for_each_entry(idr, entry, id)			\
	for (id = 0; ((entry) = idr_get_next(idr, &(id))) != NULL; id += 1U)

#define idr_for_each_entry_ul(idr, entry, tmp, id)			\
	for (tmp = 0, id = 0;						\
	     ((entry) = tmp <= id ? idr_get_next_ul(idr, &(id)) : NULL) != NULL; \
	     tmp = id, ++id)

/* idr_for_each_entry_continue - the same, from id on */
#define idr_for_each_entry_continue(idr, entry, id)			\
	for ((entry) = idr_get_next((idr), &(id));			\
	     entry;							\
	     ++id, (entry) = idr_get_next((idr), &(id)))

struct ida {
	struct xarray	xa;
};

#define IDA_INIT(name)	{						\
	.xa = { .xa_lock = __SPIN_LOCK_UNLOCKED(name.xa.xa_lock),	\
		.xa_flags = 0, .xa_head = NULL }			\
}
#define DEFINE_IDA(name)	struct ida name = IDA_INIT(name)

int ida_alloc_range(struct ida *, unsigned int min, unsigned int max, gfp_t);
void ida_free(struct ida *, unsigned int id);
void ida_destroy(struct ida *ida);

/* ida_alloc - the lowest free id, 0 or more; -ENOMEM or -ENOSPC */
static inline int ida_alloc(struct ida *ida, gfp_t gfp)
{
	return ida_alloc_range(ida, 0, ~0, gfp);
}

/* ida_alloc_min - the lowest free id, min or more */
static inline int ida_alloc_min(struct ida *ida, unsigned int min, gfp_t gfp)
{
	return ida_alloc_range(ida, min, ~0, gfp);
}

/* ida_alloc_max - the lowest free id, max or less */
static inline int ida_alloc_max(struct ida *ida, unsigned int max, gfp_t gfp)
{
	return ida_alloc_range(ida, 0, max, gfp);
}

static inline void ida_init(struct ida *ida)
{
	ida->xa.xa_lock.rlock.raw_lock.val.counter = 0;
	ida->xa.xa_flags = 0;
	ida->xa.xa_head = NULL;
}

#define ida_simple_get(ida, start, end, gfp)	\
			ida_alloc_range(ida, start, (end) - 1, gfp)
#define ida_simple_remove(ida, id)	ida_free(ida, id)

static inline bool ida_is_empty(const struct ida *ida)
{
	return READ_ONCE(ida->xa.xa_head) == NULL;
}

#endif /* __IDR_H__ */
