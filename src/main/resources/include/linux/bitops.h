/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_BITOPS_H
#define _LINUX_BITOPS_H

#include <linux/types.h>
#include <linux/bits.h>
#include <linux/compiler.h>




























#include <asm-generic/bitops/generic-non-atomic.h>

/*
 * Bit operations on an array of unsigned longs. kplay's CPU runs one task at a time
 * and switches only where a task blocks, so plain C read-modify-write is atomic here.
 */
static __always_inline void set_bit(long nr, volatile unsigned long *addr)
{
	addr[BIT_WORD(nr)] |= BIT_MASK(nr);
}

static __always_inline void clear_bit(long nr, volatile unsigned long *addr)
{
	addr[BIT_WORD(nr)] &= ~BIT_MASK(nr);
}

static __always_inline void change_bit(long nr, volatile unsigned long *addr)
{
	addr[BIT_WORD(nr)] ^= BIT_MASK(nr);
}

static __always_inline bool test_bit(long nr, const volatile unsigned long *addr)
{
	return 1UL & (addr[BIT_WORD(nr)] >> (nr & (BITS_PER_LONG - 1)));
}

static __always_inline bool test_and_set_bit(long nr, volatile unsigned long *addr)
{
	unsigned long mask = BIT_MASK(nr);
	unsigned long old = addr[BIT_WORD(nr)];

	addr[BIT_WORD(nr)] = old | mask;
	return (old & mask) != 0;
}

static __always_inline bool test_and_clear_bit(long nr, volatile unsigned long *addr)
{
	unsigned long mask = BIT_MASK(nr);
	unsigned long old = addr[BIT_WORD(nr)];

	addr[BIT_WORD(nr)] = old & ~mask;
	return (old & mask) != 0;
}

static __always_inline bool test_and_change_bit(long nr, volatile unsigned long *addr)
{
	unsigned long mask = BIT_MASK(nr);
	unsigned long old = addr[BIT_WORD(nr)];

	addr[BIT_WORD(nr)] = old ^ mask;
	return (old & mask) != 0;
}

#define __set_bit(nr, addr)		set_bit(nr, addr)
#define __clear_bit(nr, addr)		clear_bit(nr, addr)
#define __change_bit(nr, addr)		change_bit(nr, addr)
#define __test_and_set_bit(nr, addr)	test_and_set_bit(nr, addr)
#define __test_and_clear_bit(nr, addr)	test_and_clear_bit(nr, addr)

static inline int fls(unsigned int x)
{
	return x ? 32 - __builtin_clz(x) : 0;
}

static inline int fls64(u64 x)
{
	return x ? 64 - __builtin_clzll(x) : 0;
}

static inline unsigned long __ffs(unsigned long word)
{
	return __builtin_ctzl(word);
}

static inline int ffs(int x)
{
	return __builtin_ffs(x);
}

static inline unsigned int hweight32(unsigned int w)
{
	return __builtin_popcount(w);
}

static inline unsigned long hweight64(u64 w)
{
	return __builtin_popcountll(w);
}

#define hweight8(w)  hweight32((u8)(w))
#define hweight16(w) hweight32((u16)(w))
#define hweight_long(w) hweight64(w)

#define for_each_set_bit(bit, addr, size) \
	for ((bit) = 0; (bit) < (size); (bit)++) \
		if (test_bit((bit), (addr)))

#endif
