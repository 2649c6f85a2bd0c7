/* SPDX-License-Identifier: GPL-2.0 */
#ifndef __LINUX_COMPILER_H
#define __LINUX_COMPILER_H

#include <linux/compiler_types.h>

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)
#define likely_notrace(x)	likely(x)
#define unlikely_notrace(x)	unlikely(x)

/* Optimization barrier: the compiler may not move memory accesses across it. */
#define barrier() __asm__ __volatile__("" : : : "memory")
#define barrier_data(ptr) barrier()
#define unreachable() __builtin_unreachable()

#define RELOC_HIDE(ptr, off) ((typeof(ptr)) ((unsigned long)(ptr) + (off)))
#define OPTIMIZER_HIDE_VAR(var) barrier()

#define __must_be_array(a)	0

/*
 * READ_ONCE/WRITE_ONCE: one access of the full width that the compiler may not
 * merge, tear or repeat (a volatile access).
 */
#define __READ_ONCE(x)	(*(const volatile typeof(x) *)&(x))
#define READ_ONCE(x)	__READ_ONCE(x)
#define __WRITE_ONCE(x, val)						\
do {									\
	*(volatile typeof(x) *)&(x) = (val);				\
} while (0)
#define WRITE_ONCE(x, val)	__WRITE_ONCE(x, val)

#define data_race(expr) (expr)

#define absolute_pointer(val)	RELOC_HIDE((void *)(val), 0)
#define prevent_tail_call_optimization()	barrier()

#define is_signed_type(type) (((type)(-1)) < (type)1)
#define is_unsigned_type(type) (!is_signed_type(type))

#endif /* __LINUX_COMPILER_H */
