/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Statically sized hash table implementation (Linux 6.1's interface)
 *
 * A table is an array of 2^bits hlist heads; a key picks its bucket with
 * hash_min(), the high bits of a golden-ratio multiply (linux/hash.h), so the
 * entries land in the buckets, and hash_for_each() visits them in the order,
 * that a real kernel gives. Every bucket keeps its newest entry first.
 */

#ifndef _LINUX_HASHTABLE_H
#define _LINUX_HASHTABLE_H

#include <linux/list.h>
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/hash.h>
#include <linux/log2.h>
#include <linux/rculist.h>

#define DEFINE_HASHTABLE(name, bits)						\
	struct hlist_head name[1 << (bits)] =					\
			{ [0 ... ((1 << (bits)) - 1)] = HLIST_HEAD_INIT }

#define DEFINE_READ_MOSTLY_HASHTABLE(name, bits)				\
	DEFINE_HASHTABLE(name, bits)

#define DECLARE_HASHTABLE(name, bits)						\
	struct hlist_head name[1 << (bits)]

#define HASH_SIZE(name) (ARRAY_SIZE(name))
#define HASH_BITS(name) ilog2(HASH_SIZE(name))

/* 32-bit keys take hash_32, wider ones hash_long */
#define hash_min(val, bits)							\
	(sizeof(val) <= 4 ? hash_32(val, bits) : hash_long(val, bits))

static inline void __hash_init(struct hlist_head *ht, unsigned int sz)
{
	unsigned int i;

	for (i = 0; i < sz; i++)
		INIT_HLIST_HEAD(&ht[i]);
}

/* hash_init - empty every bucket (a macro: the size comes from the array) */
#define hash_init(hashtable) __hash_init(hashtable, HASH_SIZE(hashtable))

/* hash_add - add node to the head of key's bucket */
#define hash_add(hashtable, node, key)						\
	hlist_add_head(node, &hashtable[hash_min(key, HASH_BITS(hashtable))])

#define hash_add_rcu(hashtable, node, key)					\
	hlist_add_head_rcu(node, &hashtable[hash_min(key, HASH_BITS(hashtable))])

/* hash_hashed - whether node is in some table */
static inline bool hash_hashed(struct hlist_node *node)
{
	return !hlist_unhashed(node);
}

static inline bool __hash_empty(struct hlist_head *ht, unsigned int sz)
{
	unsigned int i;

	for (i = 0; i < sz; i++)
		if (!hlist_empty(&ht[i]))
			return false;

	return true;
}

/* hash_empty - whether every bucket is empty */
#define hash_empty(hashtable) __hash_empty(hashtable, HASH_SIZE(hashtable))

/* hash_del - take node out of its table (it reads as unhashed afterwards) */
static inline void hash_del(struct hlist_node *node)
{
	hlist_del_init(node);
}

static inline void hash_del_rcu(struct hlist_node *node)
{
	hlist_del_init_rcu(node);
}

/*
 * hash_for_each - every entry, bucket by bucket; bkt is the bucket cursor.
 * The outer loop stops once obj is set, so a break in the body ends the walk.
 */
#define hash_for_each(name, bkt, obj, member)					\
	for ((bkt) = 0, obj = NULL; obj == NULL && (bkt) < HASH_SIZE(name);	\
			(bkt)++)						\
		hlist_for_each_entry(obj, &name[bkt], member)

#define hash_for_each_rcu(name, bkt, obj, member)				\
	for ((bkt) = 0, obj = NULL; obj == NULL && (bkt) < HASH_SIZE(name);	\
			(bkt)++)						\
		hlist_for_each_entry_rcu(obj, &name[bkt], member)

/* hash_for_each_safe - the same, safe against hash_del() of obj (tmp: struct hlist_node *) */
#define hash_for_each_safe(name, bkt, tmp, obj, member)			\
	for ((bkt) = 0, obj = NULL; obj == NULL && (bkt) < HASH_SIZE(name);	\
			(bkt)++)						\
		hlist_for_each_entry_safe(obj, tmp, &name[bkt], member)

/* hash_for_each_possible - the entries of key's bucket (other keys may share it) */
#define hash_for_each_possible(name, obj, member, key)				\
	hlist_for_each_entry(obj, &name[hash_min(key, HASH_BITS(name))], member)

#define hash_for_each_possible_rcu(name, obj, member, key, cond...)		\
	hlist_for_each_entry_rcu(obj, &name[hash_min(key, HASH_BITS(name))],	\
		member)

#define hash_for_each_possible_rcu_notrace(name, obj, member, key)		\
	hlist_for_each_entry_rcu_notrace(obj,					\
		&name[hash_min(key, HASH_BITS(name))], member)

#define hash_for_each_possible_safe(name, obj, tmp, member, key)		\
	hlist_for_each_entry_safe(obj, tmp,					\
		&name[hash_min(key, HASH_BITS(name))], member)

#endif
