/* SPDX-License-Identifier: GPL-2.0 */
#ifndef __LINUX_RWLOCK_H
#define __LINUX_RWLOCK_H

/*
 * rwlock related methods. In 6.1 this header is split out from spinlock.h and read through it
 * (included first on its own it stops with "please don't include this file directly"); kplay
 * keeps rwlock_t and its operations in spinlock.h, which this brings in, so every kplay header
 * builds alone.
 */
#include <linux/spinlock.h>

#endif /* __LINUX_RWLOCK_H */
