/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rwsem.h: R/W semaphores (kernel/locking/rwsem.c), the 6.1 interface.
 *
 * Layout (40 bytes): @0 atomic_long_t count (bit 0: a writer holds it; each
 * reader adds RWSEM_READER_BIAS; 0 when free); @8 atomic_long_t owner;
 * @16 struct optimistic_spin_queue osq; @20 raw_spinlock_t wait_lock;
 * @24 struct list_head wait_list. kplay's kernel keeps the sleeping tasks
 * itself, in arrival order, as the wait list does.
 */
#ifndef _LINUX_RWSEM_H
#define _LINUX_RWSEM_H

#include <linux/linkage.h>
#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/atomic.h>
#include <linux/err.h>
#include <linux/lockdep.h>

struct optimistic_spin_queue {
	atomic_t tail;
};

struct rw_semaphore {
	atomic_long_t count;
	atomic_long_t owner;
	struct optimistic_spin_queue osq;
	raw_spinlock_t wait_lock;
	struct list_head wait_list;
};

/* rwsem_is_locked - whether a reader or a writer holds sem */
static inline int rwsem_is_locked(struct rw_semaphore *sem)
{
	return atomic_long_read(&sem->count) != 0;
}

#define RWSEM_UNLOCKED_VALUE		0L

#define __RWSEM_INITIALIZER(name)				\
	{ .count = ATOMIC_LONG_INIT(RWSEM_UNLOCKED_VALUE),	\
	  .owner = ATOMIC_LONG_INIT(0),				\
	  .osq = { ATOMIC_INIT(0) },				\
	  .wait_lock = __RAW_SPIN_LOCK_UNLOCKED(name.wait_lock),\
	  .wait_list = LIST_HEAD_INIT((name).wait_list) }

#define DECLARE_RWSEM(name) \
	struct rw_semaphore name = __RWSEM_INITIALIZER(name)

extern void __init_rwsem(struct rw_semaphore *sem, const char *name,
			 struct lock_class_key *key);

#define init_rwsem(sem)						\
do {								\
	static struct lock_class_key __key;			\
								\
	__init_rwsem((sem), #sem, &__key);			\
} while (0)

/* lock for reading */
extern void down_read(struct rw_semaphore *sem);
extern int __must_check down_read_interruptible(struct rw_semaphore *sem);
extern int __must_check down_read_killable(struct rw_semaphore *sem);

/* trylock for reading -- returns 1 if successful, 0 if contention */
extern int down_read_trylock(struct rw_semaphore *sem);

/* lock for writing */
extern void down_write(struct rw_semaphore *sem);
extern int __must_check down_write_killable(struct rw_semaphore *sem);

/* trylock for writing -- returns 1 if successful, 0 if contention */
extern int down_write_trylock(struct rw_semaphore *sem);

/* release a read lock */
extern void up_read(struct rw_semaphore *sem);

/* release a write lock */
extern void up_write(struct rw_semaphore *sem);

/* downgrade write lock to read lock */
extern void downgrade_write(struct rw_semaphore *sem);

#endif /* _LINUX_RWSEM_H */
