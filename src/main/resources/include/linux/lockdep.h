/* SPDX-License-Identifier: GPL-2.0 */
#ifndef __LINUX_LOCKDEP_H
#define __LINUX_LOCKDEP_H

/* Lock validator (lockdep) is off in Debian's kernel: the keys are empty. */
struct lock_class_key {
	int dummy;
};

#define lockdep_assert_held(l)	do { (void)(l); } while (0)

#endif /* __LINUX_LOCKDEP_H */
