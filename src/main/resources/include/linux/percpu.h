/* SPDX-License-Identifier: GPL-2.0 */
/*
 * percpu.h: per-CPU variables, 6.1's interface (percpu-defs.h with it).
 *
 * A per-CPU variable (DEFINE_PER_CPU) or an alloc_percpu() pointer is an
 * offset into the per-CPU area, not an address: per_cpu_ptr(ptr, cpu) adds
 * __per_cpu_offset[cpu] (the CPU's GS base), this_cpu_ptr() this CPU's. Using
 * the pointer itself faults at a small address, as on Linux. kplay has one
 * CPU, as the oracle's guest: CPU 0 is every this_cpu_*() operation's.
 *
 * A module's DEFINE_PER_CPU variables are its .data..percpu section, which
 * the loader places in the per-CPU area's reserved chunk (8 KiB), as
 * percpu_modalloc() does; alloc_percpu() memory comes zeroed from the rest.
 */
#ifndef __LINUX_PERCPU_H
#define __LINUX_PERCPU_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/preempt.h>
#include <linux/smp.h>
#include <linux/cpumask.h>
#include <linux/gfp.h>

#define PER_CPU_BASE_SECTION ".data..percpu"

#define DECLARE_PER_CPU(type, name)					\
	extern __attribute__((section(PER_CPU_BASE_SECTION))) __typeof__(type) name
#define DEFINE_PER_CPU(type, name)					\
	__attribute__((section(PER_CPU_BASE_SECTION))) __typeof__(type) name
#define DECLARE_PER_CPU_SHARED_ALIGNED(type, name)			\
	DECLARE_PER_CPU(type, name) __attribute__((__aligned__(64)))
#define DEFINE_PER_CPU_SHARED_ALIGNED(type, name)			\
	DEFINE_PER_CPU(type, name) __attribute__((__aligned__(64)))
#define DEFINE_PER_CPU_ALIGNED(type, name)				\
	DEFINE_PER_CPU(type, name) __attribute__((__aligned__(64)))

#define EXPORT_PER_CPU_SYMBOL(var) EXPORT_SYMBOL(var)
#define EXPORT_PER_CPU_SYMBOL_GPL(var) EXPORT_SYMBOL_GPL(var)

extern unsigned long __per_cpu_offset[];
#define per_cpu_offset(x) (__per_cpu_offset[x])

/* The copy of CPU cpu of the per-CPU data at ptr. */
#define per_cpu_ptr(ptr, cpu)						\
	((typeof(ptr))((unsigned long)(ptr) + per_cpu_offset(cpu)))
#define raw_cpu_ptr(ptr)	per_cpu_ptr(ptr, raw_smp_processor_id())
#define this_cpu_ptr(ptr)	raw_cpu_ptr(ptr)

#define per_cpu(var, cpu)	(*per_cpu_ptr(&(var), cpu))

/* Operations on this CPU's copy of a per-CPU variable. */
#define raw_cpu_read(pcp)		(*raw_cpu_ptr(&(pcp)))
#define raw_cpu_write(pcp, val)		do { *raw_cpu_ptr(&(pcp)) = (val); } while (0)
#define raw_cpu_add(pcp, val)		do { *raw_cpu_ptr(&(pcp)) += (val); } while (0)
#define raw_cpu_sub(pcp, val)		raw_cpu_add(pcp, -(val))
#define raw_cpu_inc(pcp)		raw_cpu_add(pcp, 1)
#define raw_cpu_dec(pcp)		raw_cpu_sub(pcp, 1)
#define raw_cpu_and(pcp, val)		do { *raw_cpu_ptr(&(pcp)) &= (val); } while (0)
#define raw_cpu_or(pcp, val)		do { *raw_cpu_ptr(&(pcp)) |= (val); } while (0)
#define raw_cpu_add_return(pcp, val)					\
	({ typeof(pcp) *__p = raw_cpu_ptr(&(pcp)); *__p += (val); *__p; })
#define raw_cpu_xchg(pcp, nval)						\
	({ typeof(pcp) *__p = raw_cpu_ptr(&(pcp)); typeof(pcp) __old = *__p; \
	   *__p = (nval); __old; })
#define raw_cpu_cmpxchg(pcp, oval, nval)				\
	({ typeof(pcp) *__p = raw_cpu_ptr(&(pcp)); typeof(pcp) __old = *__p; \
	   if (__old == (oval)) *__p = (nval); __old; })

#define __this_cpu_read(pcp)		raw_cpu_read(pcp)
#define __this_cpu_write(pcp, val)	raw_cpu_write(pcp, val)
#define __this_cpu_add(pcp, val)	raw_cpu_add(pcp, val)
#define __this_cpu_sub(pcp, val)	raw_cpu_sub(pcp, val)
#define __this_cpu_inc(pcp)		raw_cpu_inc(pcp)
#define __this_cpu_dec(pcp)		raw_cpu_dec(pcp)
#define __this_cpu_add_return(pcp, val)	raw_cpu_add_return(pcp, val)

#define this_cpu_read(pcp)		raw_cpu_read(pcp)
#define this_cpu_write(pcp, val)	raw_cpu_write(pcp, val)
#define this_cpu_add(pcp, val)		raw_cpu_add(pcp, val)
#define this_cpu_sub(pcp, val)		raw_cpu_sub(pcp, val)
#define this_cpu_inc(pcp)		raw_cpu_inc(pcp)
#define this_cpu_dec(pcp)		raw_cpu_dec(pcp)
#define this_cpu_and(pcp, val)		raw_cpu_and(pcp, val)
#define this_cpu_or(pcp, val)		raw_cpu_or(pcp, val)
#define this_cpu_add_return(pcp, val)	raw_cpu_add_return(pcp, val)
#define this_cpu_sub_return(pcp, val)	this_cpu_add_return(pcp, -(typeof(pcp))(val))
#define this_cpu_inc_return(pcp)	this_cpu_add_return(pcp, 1)
#define this_cpu_dec_return(pcp)	this_cpu_add_return(pcp, -1)
#define this_cpu_xchg(pcp, nval)	raw_cpu_xchg(pcp, nval)
#define this_cpu_cmpxchg(pcp, oval, nval) raw_cpu_cmpxchg(pcp, oval, nval)

/* With preemption off between get and put: the CPU cannot change under the caller. */
#define get_cpu_var(var)						\
(*({									\
	preempt_disable();						\
	this_cpu_ptr(&var);						\
}))
#define put_cpu_var(var)						\
do {									\
	(void)&(var);							\
	preempt_enable();						\
} while (0)
#define get_cpu_ptr(var)						\
({									\
	preempt_disable();						\
	this_cpu_ptr(var);						\
})
#define put_cpu_ptr(var)						\
do {									\
	(void)(var);							\
	preempt_enable();						\
} while (0)

extern void __percpu *__alloc_percpu_gfp(size_t size, size_t align, gfp_t gfp);
extern void __percpu *__alloc_percpu(size_t size, size_t align);
extern void free_percpu(void __percpu *__pdata);

#define alloc_percpu_gfp(type, gfp)					\
	(typeof(type) __percpu *)__alloc_percpu_gfp(sizeof(type),	\
						__alignof__(type), gfp)
#define alloc_percpu(type)						\
	(typeof(type) __percpu *)__alloc_percpu(sizeof(type),		\
						__alignof__(type))

#endif /* __LINUX_PERCPU_H */
