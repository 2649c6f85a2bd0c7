/* SPDX-License-Identifier: GPL-2.0+ */
/*
 * Read-Copy Update mechanism for mutual exclusion
 *
 * kplay keeps the reader side and synchronize_rcu(). Debian's 6.1 is built
 * with CONFIG_PREEMPT_RCU, so rcu_read_lock() calls the exported
 * __rcu_read_lock(); kplay runs one CPU and never preempts kernel code, so a
 * grace period has always elapsed by the time synchronize_rcu() is called.
 */

#ifndef __LINUX_RCUPDATE_H
#define __LINUX_RCUPDATE_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/container_of.h>

void __rcu_read_lock(void);
void __rcu_read_unlock(void);
void synchronize_rcu(void);

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

#endif /* __LINUX_RCUPDATE_H */
