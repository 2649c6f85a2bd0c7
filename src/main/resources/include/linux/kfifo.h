/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A generic kernel FIFO (lib/kfifo.c), the 6.1 interface for FIFOs of
 * elements: DECLARE_KFIFO/DEFINE_KFIFO (the buffer inside the struct),
 * struct kfifo and DECLARE_KFIFO_PTR with kfifo_alloc/kfifo_init (a buffer
 * outside), kfifo_put/get/peek of one element, kfifo_in/out/out_peek of
 * several, kfifo_to_user/from_user, and the size queries.
 *
 * struct __kfifo: @0 in, @4 out, @8 mask, @12 esize, @16 data. in and out
 * only grow; in - out is the number of elements, (in & mask) the slot.
 *
 * kplay ships FIFOs without records: the record forms (recsize != 0,
 * STRUCT_KFIFO_REC_1/2, the __kfifo_*_r functions) and the DMA helpers are not
 * declared, so a module using them does not build.
 */

#ifndef _LINUX_KFIFO_H
#define _LINUX_KFIFO_H

#include <linux/kernel.h>
#include <linux/spinlock.h>
#include <linux/stddef.h>
#include <linux/log2.h>
#include <linux/uaccess.h>

struct __kfifo {
	unsigned int	in;
	unsigned int	out;
	unsigned int	mask;
	unsigned int	esize;
	void		*data;
};

#define __STRUCT_KFIFO_COMMON(datatype, recsize, ptrtype) \
	union { \
		struct __kfifo	kfifo; \
		datatype	*type; \
		const datatype	*const_type; \
		char		(*rectype)[recsize]; \
		ptrtype		*ptr; \
		ptrtype const	*ptr_const; \
	}

#define __STRUCT_KFIFO(type, size, recsize, ptrtype) \
{ \
	__STRUCT_KFIFO_COMMON(type, recsize, ptrtype); \
	type		buf[((size < 2) || (size & (size - 1))) ? -1 : size]; \
}

#define STRUCT_KFIFO(type, size) \
	struct __STRUCT_KFIFO(type, size, 0, type)

#define __STRUCT_KFIFO_PTR(type, recsize, ptrtype) \
{ \
	__STRUCT_KFIFO_COMMON(type, recsize, ptrtype); \
	type		buf[0]; \
}

#define STRUCT_KFIFO_PTR(type) \
	struct __STRUCT_KFIFO_PTR(type, 0, type)

/* the byte FIFO with its buffer elsewhere (kfifo_alloc, kfifo_init) */
struct kfifo __STRUCT_KFIFO_PTR(unsigned char, 0, void);

/* whether fifo keeps its buffer outside the struct (sizes of the two shapes differ) */
#define __is_kfifo_ptr(fifo) \
	(sizeof(*fifo) == sizeof(STRUCT_KFIFO_PTR(typeof(*(fifo)->type))))

#define DECLARE_KFIFO_PTR(fifo, type)	STRUCT_KFIFO_PTR(type) fifo
#define DECLARE_KFIFO(fifo, type, size)	STRUCT_KFIFO(type, size) fifo

/* INIT_KFIFO - set up a fifo declared with DECLARE_KFIFO */
#define INIT_KFIFO(fifo) \
(void)({ \
	typeof(&(fifo)) __tmp = &(fifo); \
	struct __kfifo *__kfifo = &__tmp->kfifo; \
	__kfifo->in = 0; \
	__kfifo->out = 0; \
	__kfifo->mask = __is_kfifo_ptr(__tmp) ? 0 : ARRAY_SIZE(__tmp->buf) - 1;\
	__kfifo->esize = sizeof(*__tmp->buf); \
	__kfifo->data = __is_kfifo_ptr(__tmp) ?  NULL : __tmp->buf; \
})

/* DEFINE_KFIFO - a fifo with its buffer, ready to use */
#define DEFINE_KFIFO(fifo, type, size) \
	DECLARE_KFIFO(fifo, type, size) = \
	(typeof(fifo)) { \
		{ \
			{ \
			.in	= 0, \
			.out	= 0, \
			.mask	= __is_kfifo_ptr(&(fifo)) ? \
				  0 : \
				  ARRAY_SIZE((fifo).buf) - 1, \
			.esize	= sizeof(*(fifo).buf), \
			.data	= __is_kfifo_ptr(&(fifo)) ? \
				NULL : \
				(fifo).buf, \
			} \
		} \
	}

extern int __kfifo_alloc(struct __kfifo *fifo, unsigned int size,
	size_t esize, gfp_t gfp_mask);
extern void __kfifo_free(struct __kfifo *fifo);
extern int __kfifo_init(struct __kfifo *fifo, void *buffer,
	unsigned int size, size_t esize);
extern unsigned int __kfifo_in(struct __kfifo *fifo,
	const void *buf, unsigned int len);
extern unsigned int __kfifo_out(struct __kfifo *fifo,
	void *buf, unsigned int len);
extern unsigned int __kfifo_out_peek(struct __kfifo *fifo,
	void *buf, unsigned int len);
extern int __kfifo_to_user(struct __kfifo *fifo,
	void __user *to, unsigned long len, unsigned int *copied);
extern int __kfifo_from_user(struct __kfifo *fifo,
	const void __user *from, unsigned long len, unsigned int *copied);

#define kfifo_initialized(fifo) ((fifo)->kfifo.mask)
#define kfifo_esize(fifo)	((fifo)->kfifo.esize)
#define kfifo_recsize(fifo)	0

/* kfifo_size - the number of elements the fifo holds when full */
#define kfifo_size(fifo)	((fifo)->kfifo.mask + 1)

/* kfifo_reset - empty the fifo (no reader or writer may be busy) */
#define kfifo_reset(fifo) \
(void)({ \
	typeof((fifo) + 1) __tmp = (fifo); \
	__tmp->kfifo.in = __tmp->kfifo.out = 0; \
})

/* kfifo_reset_out - drop what is in the fifo (the reader's side) */
#define kfifo_reset_out(fifo)	\
(void)({ \
	typeof((fifo) + 1) __tmp = (fifo); \
	__tmp->kfifo.out = __tmp->kfifo.in; \
})

/* kfifo_len - the number of elements in the fifo */
#define kfifo_len(fifo) \
({ \
	typeof((fifo) + 1) __tmpl = (fifo); \
	__tmpl->kfifo.in - __tmpl->kfifo.out; \
})

#define kfifo_is_empty(fifo) \
({ \
	typeof((fifo) + 1) __tmpq = (fifo); \
	__tmpq->kfifo.in == __tmpq->kfifo.out; \
})

#define kfifo_is_full(fifo) \
({ \
	typeof((fifo) + 1) __tmpq = (fifo); \
	kfifo_len(__tmpq) > __tmpq->kfifo.mask; \
})

/* kfifo_avail - the number of free element slots */
#define kfifo_avail(fifo) \
({ \
	typeof((fifo) + 1) __tmpq = (fifo); \
	kfifo_size(__tmpq) - kfifo_len(__tmpq); \
})

/* kfifo_skip - drop the next element */
#define kfifo_skip(fifo) \
(void)({ \
	typeof((fifo) + 1) __tmp = (fifo); \
	__tmp->kfifo.out++; \
})

/* kfifo_put - add one element; 0 if the fifo was full, else 1 */
#define	kfifo_put(fifo, val) \
({ \
	typeof((fifo) + 1) __tmp = (fifo); \
	typeof(*__tmp->const_type) __val = (val); \
	unsigned int __ret; \
	struct __kfifo *__kfifo = &__tmp->kfifo; \
	__ret = !kfifo_is_full(__tmp); \
	if (__ret) { \
		typeof(__tmp->type) __buf = \
			__is_kfifo_ptr(__tmp) ? (void *)__kfifo->data : (void *)__tmp->buf; \
		__buf[__kfifo->in & __tmp->kfifo.mask] = __val; \
		__kfifo->in++; \
	} \
	__ret; \
})

/* kfifo_get - take one element into *val; 0 if the fifo was empty, else 1 */
#define	kfifo_get(fifo, val) \
({ \
	typeof((fifo) + 1) __tmp = (fifo); \
	typeof(__tmp->ptr) __val = (val); \
	unsigned int __ret; \
	struct __kfifo *__kfifo = &__tmp->kfifo; \
	__ret = !kfifo_is_empty(__tmp); \
	if (__ret) { \
		typeof(__tmp->type) __buf = \
			__is_kfifo_ptr(__tmp) ? (void *)__kfifo->data : (void *)__tmp->buf; \
		*(typeof(__tmp->type))__val = \
			__buf[__kfifo->out & __tmp->kfifo.mask]; \
		__kfifo->out++; \
	} \
	__ret; \
})

/* kfifo_peek - copy the next element into *val without taking it */
#define	kfifo_peek(fifo, val) \
({ \
	typeof((fifo) + 1) __tmp = (fifo); \
	typeof(__tmp->ptr) __val = (val); \
	unsigned int __ret; \
	struct __kfifo *__kfifo = &__tmp->kfifo; \
	__ret = !kfifo_is_empty(__tmp); \
	if (__ret) { \
		typeof(__tmp->type) __buf = \
			__is_kfifo_ptr(__tmp) ? (void *)__kfifo->data : (void *)__tmp->buf; \
		*(typeof(__tmp->type))__val = \
			__buf[__kfifo->out & __tmp->kfifo.mask]; \
	} \
	__ret; \
})

/* kfifo_alloc - a buffer of size elements (rounded up to a power of 2) for a _PTR fifo */
#define kfifo_alloc(fifo, size, gfp_mask) \
__kfifo_int_must_check_helper( \
({ \
	typeof((fifo) + 1) __tmp = (fifo); \
	struct __kfifo *__kfifo = &__tmp->kfifo; \
	__is_kfifo_ptr(__tmp) ? \
	__kfifo_alloc(__kfifo, size, sizeof(*__tmp->type), gfp_mask) : \
	-EINVAL; \
}) \
)

#define kfifo_free(fifo) \
({ \
	typeof((fifo) + 1) __tmp = (fifo); \
	struct __kfifo *__kfifo = &__tmp->kfifo; \
	if (__is_kfifo_ptr(__tmp)) \
		__kfifo_free(__kfifo); \
})

/* kfifo_init - use buffer (size bytes) for a _PTR fifo */
#define kfifo_init(fifo, buffer, size) \
({ \
	typeof((fifo) + 1) __tmp = (fifo); \
	struct __kfifo *__kfifo = &__tmp->kfifo; \
	__is_kfifo_ptr(__tmp) ? \
	__kfifo_init(__kfifo, buffer, size, sizeof(*__tmp->type)) : \
	-EINVAL; \
})

/* kfifo_in - add up to n elements from buf; returns how many fitted */
#define	kfifo_in(fifo, buf, n) \
({ \
	typeof((fifo) + 1) __tmp = (fifo); \
	typeof(__tmp->ptr_const) __buf = (buf); \
	unsigned long __n = (n); \
	struct __kfifo *__kfifo = &__tmp->kfifo; \
	__kfifo_in(__kfifo, __buf, __n); \
})

#define	kfifo_in_spinlocked(fifo, buf, n, lock) \
({ \
	unsigned long __flags; \
	unsigned int __ret; \
	spin_lock_irqsave(lock, __flags); \
	__ret = kfifo_in(fifo, buf, n); \
	spin_unlock_irqrestore(lock, __flags); \
	__ret; \
})

/* kfifo_out - take up to n elements into buf; returns how many */
#define	kfifo_out(fifo, buf, n) \
__kfifo_uint_must_check_helper( \
({ \
	typeof((fifo) + 1) __tmp = (fifo); \
	typeof(__tmp->ptr) __buf = (buf); \
	unsigned long __n = (n); \
	struct __kfifo *__kfifo = &__tmp->kfifo; \
	__kfifo_out(__kfifo, __buf, __n); \
}) \
)

#define	kfifo_out_spinlocked(fifo, buf, n, lock) \
__kfifo_uint_must_check_helper( \
({ \
	unsigned long __flags; \
	unsigned int __ret; \
	spin_lock_irqsave(lock, __flags); \
	__ret = kfifo_out(fifo, buf, n); \
	spin_unlock_irqrestore(lock, __flags); \
	__ret; \
}) \
)

/* kfifo_out_peek - copy up to n elements into buf without taking them */
#define	kfifo_out_peek(fifo, buf, n) \
__kfifo_uint_must_check_helper( \
({ \
	typeof((fifo) + 1) __tmp = (fifo); \
	typeof(__tmp->ptr) __buf = (buf); \
	unsigned long __n = (n); \
	struct __kfifo *__kfifo = &__tmp->kfifo; \
	__kfifo_out_peek(__kfifo, __buf, __n); \
}) \
)

/* kfifo_from_user - add up to len bytes from user space; *copied: the bytes taken */
#define	kfifo_from_user(fifo, from, len, copied) \
__kfifo_uint_must_check_helper( \
({ \
	typeof((fifo) + 1) __tmp = (fifo); \
	const void __user *__from = (from); \
	unsigned int __len = (len); \
	unsigned int *__copied = (copied); \
	struct __kfifo *__kfifo = &__tmp->kfifo; \
	__kfifo_from_user(__kfifo, __from, __len, __copied); \
}) \
)

/* kfifo_to_user - copy up to len bytes to user space; *copied: the bytes given */
#define	kfifo_to_user(fifo, to, len, copied) \
__kfifo_int_must_check_helper( \
({ \
	typeof((fifo) + 1) __tmp = (fifo); \
	void __user *__to = (to); \
	unsigned int __len = (len); \
	unsigned int *__copied = (copied); \
	struct __kfifo *__kfifo = &__tmp->kfifo; \
	__kfifo_to_user(__kfifo, __to, __len, __copied); \
}) \
)

static inline unsigned int __must_check
__kfifo_uint_must_check_helper(unsigned int val)
{
	return val;
}

static inline int __must_check
__kfifo_int_must_check_helper(int val)
{
	return val;
}

#endif
