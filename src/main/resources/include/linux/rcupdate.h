/* SPDX-License-Identifier: GPL-2.0+ */
/*
 * Read-Copy Update mechanism for mutual exclusion
 *
 * Debian's 6.1 is built with CONFIG_PREEMPT_RCU, so rcu_read_lock() calls the
 * exported __rcu_read_lock(). A grace period on kplay's one CPU starts at the
 * next tick and ends two ticks later (about 10 ms, as on the oracle); then
 * the callbacks queued for it run in the RCU softirq, in order, and
 * synchronize_rcu() and rcu_barrier() return. kfree_rcu() objects are batched
 * for 5 jiffies first, then freed after a grace period of their own.
 */

#ifndef __LINUX_RCUPDATE_H
#define __LINUX_RCUPDATE_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/container_of.h>
#include <linux/build_bug.h>
#include <linux/stddef.h>

typedef void (*rcu_callback_t)(struct rcu_head *head);

void __rcu_read_lock(void);
void __rcu_read_unlock(void);
void synchronize_rcu(void);
void call_rcu(struct rcu_head *head, rcu_callback_t func);
void rcu_barrier(void);
void kvfree_call_rcu(struct rcu_head *head, rcu_callback_t func);

static __always_inline void rcu_read_lock(void)
{
	__rcu_read_lock();
}

static inline void rcu_read_unlock(void)
{
	__rcu_read_unlock();
}

#define rcu_dereference(p) READ_ONCE(p)
#define rcu_dereference_protected(p, c) (p)
#define rcu_access_pointer(p) READ_ONCE(p)
#define rcu_assign_pointer(p, v) WRITE_ONCE((p), (v))
#define RCU_INIT_POINTER(p, v) do { (p) = (v); } while (0)

#define list_entry_rcu(ptr, type, member) \
	container_of(READ_ONCE(ptr), type, member)

/*
 * kfree_rcu(ptr, rhf): kfree() ptr after a grace period, with its rcu_head
 * field rhf (passed as the field's offset); kfree_rcu(ptr) with no rcu_head
 * may sleep. kvfree_rcu() the same for kvmalloc()ed memory.
 */
#define kfree_rcu(ptr, rhf...) kvfree_rcu(ptr, ## rhf)
#define kvfree_rcu(...) KVFREE_GET_MACRO(__VA_ARGS__,		\
	kvfree_rcu_arg_2, kvfree_rcu_arg_1)(__VA_ARGS__)
#define kfree_rcu_mightsleep(ptr) kvfree_rcu_arg_1(ptr)
#define kvfree_rcu_mightsleep(ptr) kvfree_rcu_arg_1(ptr)

#define __is_kvfree_rcu_offset(offset) ((offset) < 4096)

#define KVFREE_GET_MACRO(_1, _2, NAME, ...) NAME
#define kvfree_rcu_arg_2(ptr, rhf)					\
do {									\
	typeof (ptr) ___p = (ptr);					\
									\
	if (___p) {							\
		BUILD_BUG_ON(!__is_kvfree_rcu_offset(offsetof(typeof(*(ptr)), rhf)));	\
		kvfree_call_rcu(&((___p)->rhf), (rcu_callback_t)(unsigned long)	\
			(offsetof(typeof(*(ptr)), rhf)));		\
	}								\
} while (0)

#define kvfree_rcu_arg_1(ptr)						\
do {									\
	typeof(ptr) ___p = (ptr);					\
									\
	if (___p)							\
		kvfree_call_rcu(NULL, (rcu_callback_t) (___p));		\
} while (0)

#endif /* __LINUX_RCUPDATE_H */
