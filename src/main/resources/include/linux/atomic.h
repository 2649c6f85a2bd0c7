/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_ATOMIC_H
#define _LINUX_ATOMIC_H

#include <linux/types.h>
#include <linux/compiler.h>

/*
 * Atomic operations. kplay's CPU switches tasks only where a task blocks or an
 * interrupt-style callback runs between instructions of different tasks, never
 * inside one of these inline functions, so they are plain C.
 */
#define atomic_read(v)		READ_ONCE((v)->counter)
#define atomic_set(v, i)	WRITE_ONCE((v)->counter, (i))

static __always_inline void atomic_add(int i, atomic_t *v) { v->counter += i; }
static __always_inline void atomic_sub(int i, atomic_t *v) { v->counter -= i; }
static __always_inline void atomic_inc(atomic_t *v) { v->counter++; }
static __always_inline void atomic_dec(atomic_t *v) { v->counter--; }
static __always_inline int atomic_add_return(int i, atomic_t *v) { return v->counter += i; }
static __always_inline int atomic_sub_return(int i, atomic_t *v) { return v->counter -= i; }
static __always_inline int atomic_inc_return(atomic_t *v) { return ++v->counter; }
static __always_inline int atomic_dec_return(atomic_t *v) { return --v->counter; }
static __always_inline int atomic_fetch_add(int i, atomic_t *v) { int o = v->counter; v->counter += i; return o; }
static __always_inline int atomic_fetch_sub(int i, atomic_t *v) { int o = v->counter; v->counter -= i; return o; }
static __always_inline int atomic_fetch_inc(atomic_t *v) { return v->counter++; }
static __always_inline int atomic_fetch_dec(atomic_t *v) { return v->counter--; }
static __always_inline bool atomic_dec_and_test(atomic_t *v) { return --v->counter == 0; }
static __always_inline bool atomic_inc_and_test(atomic_t *v) { return ++v->counter == 0; }
static __always_inline bool atomic_sub_and_test(int i, atomic_t *v) { return (v->counter -= i) == 0; }
static __always_inline bool atomic_add_negative(int i, atomic_t *v) { return (v->counter += i) < 0; }
static __always_inline int atomic_xchg(atomic_t *v, int n) { int o = v->counter; v->counter = n; return o; }
static __always_inline int atomic_cmpxchg(atomic_t *v, int old, int n)
{
	int o = v->counter;
	if (o == old)
		v->counter = n;
	return o;
}
static __always_inline bool atomic_try_cmpxchg(atomic_t *v, int *old, int n)
{
	int o = atomic_cmpxchg(v, *old, n);
	bool ok = o == *old;
	*old = o;
	return ok;
}
static __always_inline int atomic_fetch_add_unless(atomic_t *v, int a, int u)
{
	int c = v->counter;
	if (c != u)
		v->counter = c + a;
	return c;
}
static __always_inline bool atomic_add_unless(atomic_t *v, int a, int u) { return atomic_fetch_add_unless(v, a, u) != u; }
static __always_inline bool atomic_inc_not_zero(atomic_t *v) { return atomic_add_unless(v, 1, 0); }
static __always_inline void atomic_and(int i, atomic_t *v) { v->counter &= i; }
static __always_inline void atomic_or(int i, atomic_t *v) { v->counter |= i; }
static __always_inline void atomic_xor(int i, atomic_t *v) { v->counter ^= i; }

#define atomic64_read(v)	READ_ONCE((v)->counter)
#define atomic64_set(v, i)	WRITE_ONCE((v)->counter, (i))

static __always_inline void atomic64_add(s64 i, atomic64_t *v) { v->counter += i; }
static __always_inline void atomic64_sub(s64 i, atomic64_t *v) { v->counter -= i; }
static __always_inline void atomic64_inc(atomic64_t *v) { v->counter++; }
static __always_inline void atomic64_dec(atomic64_t *v) { v->counter--; }
static __always_inline s64 atomic64_add_return(s64 i, atomic64_t *v) { return v->counter += i; }
static __always_inline s64 atomic64_sub_return(s64 i, atomic64_t *v) { return v->counter -= i; }
static __always_inline s64 atomic64_inc_return(atomic64_t *v) { return ++v->counter; }
static __always_inline s64 atomic64_dec_return(atomic64_t *v) { return --v->counter; }
static __always_inline bool atomic64_dec_and_test(atomic64_t *v) { return --v->counter == 0; }
static __always_inline s64 atomic64_xchg(atomic64_t *v, s64 n) { s64 o = v->counter; v->counter = n; return o; }
static __always_inline s64 atomic64_cmpxchg(atomic64_t *v, s64 old, s64 n)
{
	s64 o = v->counter;
	if (o == old)
		v->counter = n;
	return o;
}

#define atomic_long_read(v)		atomic64_read(v)
#define atomic_long_set(v, i)		atomic64_set(v, i)
#define atomic_long_add(i, v)		atomic64_add(i, v)
#define atomic_long_sub(i, v)		atomic64_sub(i, v)
#define atomic_long_inc(v)		atomic64_inc(v)
#define atomic_long_dec(v)		atomic64_dec(v)
#define atomic_long_add_return(i, v)	atomic64_add_return(i, v)
#define atomic_long_inc_return(v)	atomic64_inc_return(v)
#define atomic_long_dec_return(v)	atomic64_dec_return(v)
#define atomic_long_xchg(v, n)		atomic64_xchg(v, n)
#define atomic_long_cmpxchg(v, o, n)	atomic64_cmpxchg(v, o, n)

#define smp_mb__before_atomic()	barrier()
#define smp_mb__after_atomic()	barrier()

#define xchg(ptr, v) ({ typeof(*(ptr)) __xchg_old = *(ptr); *(ptr) = (v); __xchg_old; })
#define cmpxchg(ptr, o, n) ({						\
	typeof(*(ptr)) __cmpxchg_old = *(ptr);				\
	if (__cmpxchg_old == (o))					\
		*(ptr) = (n);						\
	__cmpxchg_old; })

#endif /* _LINUX_ATOMIC_H */
