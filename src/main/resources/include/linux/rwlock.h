#ifndef __LINUX_RWLOCK_H
#define __LINUX_RWLOCK_H

#ifndef __LINUX_SPINLOCK_H
# error "please don't include this file directly"
#endif

/*
 * rwlock related methods (SPDX-License-Identifier: GPL-2.0)
 *
 * In 6.1 this header is split out from spinlock.h and only read through it; kplay keeps
 * rwlock_t and its operations in spinlock.h, so including this after spinlock.h (as
 * linux/module.h does) changes nothing, and including it first fails as in 6.1.
 */

#endif /* __LINUX_RWLOCK_H */
