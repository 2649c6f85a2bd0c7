/* SPDX-License-Identifier: GPL-2.0 */
#ifndef __LINUX_COMPILER_TYPES_H
#define __LINUX_COMPILER_TYPES_H

/* Forced into every compilation by kbuild (-include), before the source's first line. */
#ifndef __ASSEMBLY__

/* sparse annotations: nothing to the compiler */
# define __user
# define __kernel
# define __safe
# define __force
# define __nocast
# define __iomem
# define __percpu
# define __rcu
# define __private
# define __chk_user_ptr(x) (void)0
# define __chk_io_ptr(x) (void)0
# define __acquires(x)
# define __releases(x)
# define __acquire(x) (void)0
# define __release(x) (void)0
# define __cond_lock(x, c) (c)
# define __must_hold(x)
# define ACCESS_PRIVATE(p, member) ((p)->member)
# define __builtin_warning(x, y...) (1)

/* Indirect macros required for expanded argument pasting, eg. __LINE__. */
#define ___PASTE(a, b) a##b
#define __PASTE(a, b) ___PASTE(a, b)

#include <linux/compiler_attributes.h>

#define __UNIQUE_ID(prefix) __PASTE(__PASTE(__UNIQUE_ID_, prefix), __COUNTER__)

#define notrace                 __attribute__((__no_instrument_function__))
#define __naked                 __attribute__((__naked__)) notrace
#define __inline_maybe_unused   __maybe_unused
#define __noinline_for_stack    noinline
#define __no_kasan_or_inline    __always_inline
#define __no_sanitize_address
#define __no_sanitize_or_inline __always_inline
#define noinstr                 noinline notrace __section(".noinstr.text")
#define __randomize_layout		__attribute__((__designated_init__))
#define __no_randomize_layout
#define randomized_struct_fields_start  struct {
#define randomized_struct_fields_end    };
#define __latent_entropy
#define asmlinkage
#define __visible_when_needed
#define __ADDRESSABLE(sym)
/* 6.1 makes a static pointer to sym here so that it is kept; kplay keeps every symbol */
#define ___ADDRESSABLE(sym, __attrs)

/* Is this type a native word size -- useful for atomic operations */
#define __native_word(t) \
	(sizeof(t) == sizeof(char) || sizeof(t) == sizeof(short) || \
	 sizeof(t) == sizeof(int) || sizeof(t) == sizeof(long))

/* Are two types/vars the same type (ignoring qualifiers)? */
#define __same_type(a, b) __builtin_types_compatible_p(typeof(a), typeof(b))

#define __compiletime_assert(condition, msg, prefix, suffix) \
	do { _Static_assert(condition, msg); } while (0)
#define _compiletime_assert(condition, msg, prefix, suffix) \
	__compiletime_assert(condition, msg, prefix, suffix)
#define compiletime_assert(condition, msg) \
	_compiletime_assert(condition, msg, __compiletime_assert_, __COUNTER__)
#define compiletime_assert_atomic_type(t) \
	compiletime_assert(__native_word(t), "Need native word sized stores/loads for atomicity.")

#endif /* __ASSEMBLY__ */
#endif /* __LINUX_COMPILER_TYPES_H */
