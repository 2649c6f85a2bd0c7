/* SPDX-License-Identifier: GPL-2.0 */
#ifndef __LINUX_UACCESS_H__
#define __LINUX_UACCESS_H__

/*
 * Copying to and from user space. The copies are the kernel's exported
 * _copy_to_user/_copy_from_user: they fault-check the user range and return
 * the number of bytes NOT copied. put_user/get_user move one scalar through
 * them and return 0 or -EFAULT.
 */
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/minmax.h>
#include <linux/limits.h>
#include <linux/bug.h>
#include <linux/sched.h>
#include <asm/page.h>
#include <asm/processor.h>

#define TASK_SIZE_MAX		0x00007ffffffff000UL

static inline bool __access_ok(const void __user *ptr, unsigned long size)
{
	unsigned long limit = TASK_SIZE_MAX;
	unsigned long addr = (unsigned long)ptr;

	return (size <= limit) && (addr <= (limit - size));
}

#define access_ok(addr, size)	likely(__access_ok(addr, size))

extern __must_check unsigned long
_copy_from_user(void *, const void __user *, unsigned long);
extern __must_check unsigned long
_copy_to_user(void __user *, const void *, unsigned long);

/*
 * check_copy_size() of linux/thread_info.h, as Debian's 6.1 has it (FORTIFY_SOURCE, HARDENED_USERCOPY):
 * a copy of more bytes than the kernel-side object has, when gcc knows that object's size
 * (__builtin_object_size: a local or global array, &variable), is "Buffer overflow detected"
 * and copies nothing; a copy whose size is not a compile-time constant then goes through
 * __check_object_size() (hardened usercopy), one of constant size does not. gcc answers both
 * builtins after inlining these __always_inline functions into the module's function; kplay, which
 * compiles them out of line, has each caller pass its answers in (sema's Typed.Hidden).
 * A constant size known to be too big is gcc's error at build time: check_copy_size() calls
 * __bad_copy_from() or __bad_copy_to() then, declared __compiletime_error (sema's InlineChecks).
 */
extern void __copy_overflow(int size, unsigned long count);
extern void __check_object_size(const void *ptr, unsigned long n, bool to_user);

static __always_inline void check_object_size(const void *ptr, unsigned long n, bool to_user)
{
	if (!__builtin_constant_p(n))
		__check_object_size(ptr, n, to_user);
}

extern void __compiletime_error("copy source size is too small")
__bad_copy_from(void);
extern void __compiletime_error("copy destination size is too small")
__bad_copy_to(void);

static inline void copy_overflow(int size, unsigned long count)
{
	__copy_overflow(size, count);
}

static __always_inline __must_check bool
check_copy_size(const void *addr, size_t bytes, bool is_source)
{
	int sz = __builtin_object_size(addr, 0);
	if (unlikely(sz >= 0 && sz < bytes)) {
		if (!__builtin_constant_p(bytes))
			copy_overflow(sz, bytes);
		else if (is_source)
			__bad_copy_from();
		else
			__bad_copy_to();
		return false;
	}
	if (unlikely(bytes > INT_MAX)) {
		/* WARN_ON_ONCE(bytes > INT_MAX), at its line in 6.1's linux/thread_info.h: once per module */
		static bool __section(".data.once") __warned;

		if (!__warned) {
			__warned = true;
			warn_slowpath_fmt("include/linux/thread_info.h", 233, TAINT_WARN, NULL);
		}
		return false;
	}
	check_object_size(addr, bytes, is_source);
	return true;
}

static __always_inline unsigned long __must_check
copy_from_user(void *to, const void __user *from, unsigned long n)
{
	if (check_copy_size(to, n, false))
		n = _copy_from_user(to, from, n);
	return n;
}

static __always_inline unsigned long __must_check
copy_to_user(void __user *to, const void *from, unsigned long n)
{
	if (check_copy_size(from, n, true))
		n = _copy_to_user(to, from, n);
	return n;
}

#define __copy_from_user(to, from, n)	copy_from_user(to, from, n)
#define __copy_to_user(to, from, n)	copy_to_user(to, from, n)

/**
 * put_user - Write a simple value into user space.
 * @x:   Value to copy to user space.
 * @ptr: Destination address, in user space.
 *
 * Context: User context only. This function may sleep if pagefaults are
 *          enabled.
 *
 * This macro copies a single simple value from kernel space to user
 * space.  It supports simple types like char and int, but not larger
 * data types like structures or arrays.
 *
 * @ptr must have pointer-to-simple-variable type, and @x must be assignable
 * to the result of dereferencing @ptr.
 *
 * Return: zero on success, or -EFAULT on error.
 */
#define put_user(x, ptr) ({						\
	__typeof__(*(ptr)) __pu_val = (x);				\
	_copy_to_user((ptr), &__pu_val, sizeof(*(ptr))) ? -EFAULT : 0;	\
})

/**
 * get_user - Get a simple variable from user space.
 * @x:   Variable to store result.
 * @ptr: Source address, in user space.
 *
 * This macro copies a single simple variable from user space to kernel
 * space.  It supports simple types like char and int, but not larger
 * data types like structures or arrays.
 *
 * @ptr must have pointer-to-simple-variable type, and the result of
 * dereferencing @ptr must be assignable to @x without a cast.
 *
 * Return: zero on success, or -EFAULT on error.
 * On error, the variable @x is set to zero.
 */
#define get_user(x, ptr) ({						\
	unsigned long long __gu_val = 0;				\
	int __gu_err = _copy_from_user(&__gu_val, (ptr),		\
				       sizeof(*(ptr))) ? -EFAULT : 0;	\
	if (__gu_err)							\
		__gu_val = 0;						\
	(x) = (__force __typeof__(*(ptr))) __gu_val;			\
	__gu_err;							\
})

#define __put_user(x, ptr) put_user(x, ptr)
#define __get_user(x, ptr) get_user(x, ptr)

extern __must_check long strncpy_from_user(char *dst, const char __user *src, long count);
extern __must_check long strnlen_user(const char __user *str, long n);
extern __must_check unsigned long clear_user(void __user *mem, unsigned long len);

static __always_inline void pagefault_disable(void) { barrier(); }
static __always_inline void pagefault_enable(void) { barrier(); }

/* kplay: what 6.1's linux/uaccess.h makes visible through its own includes */
#include <linux/math.h>
#include <linux/log2.h>
#include <linux/export.h>
#include <linux/cache.h>
#include <linux/ioctl.h>
#include <asm/ptrace.h>
#include <linux/cpumask.h>
#include <linux/jump_label.h>
#include <linux/ktime.h>
#include <linux/timekeeping.h>
#include <linux/rwlock.h>
#include <linux/uidgid.h>
#include <linux/highuid.h>
#include <linux/rcupdate.h>
#include <linux/rculist.h>
#include <linux/timer.h>
#include <linux/hrtimer.h>
#include <linux/workqueue.h>
#include <linux/random.h>

#endif		/* __LINUX_UACCESS_H__ */
