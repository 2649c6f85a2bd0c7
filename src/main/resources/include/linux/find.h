/* SPDX-License-Identifier: GPL-2.0 */
#ifndef __LINUX_FIND_H_
#define __LINUX_FIND_H_
/*
 * Bit searching in bitmaps (lib/find_bit.c's interface). kplay computes them
 * here, word by word, with the results 6.1 gives: the index of the bit found,
 * or size when there is none.
 */

#include <linux/bitops.h>

static inline unsigned long __kplay_find_bit(const unsigned long *addr, unsigned long size,
					     unsigned long start, unsigned long invert)
{
	unsigned long i;

	for (i = start; i < size; i++) {
		unsigned long word = addr[i / BITS_PER_LONG] ^ invert;

		if (!(i % BITS_PER_LONG) && !word) {
			i += BITS_PER_LONG - 1;
			continue;
		}
		if ((word >> (i % BITS_PER_LONG)) & 1)
			return i;
	}
	return size;
}

/* find_next_bit - the first set bit at offset or after, or size */
static inline unsigned long find_next_bit(const unsigned long *addr, unsigned long size,
					  unsigned long offset)
{
	return __kplay_find_bit(addr, size, offset, 0);
}

/* find_next_zero_bit - the first clear bit at offset or after, or size */
static inline unsigned long find_next_zero_bit(const unsigned long *addr, unsigned long size,
					       unsigned long offset)
{
	return __kplay_find_bit(addr, size, offset, ~0UL);
}

static inline unsigned long find_first_bit(const unsigned long *addr, unsigned long size)
{
	return __kplay_find_bit(addr, size, 0, 0);
}

static inline unsigned long find_first_zero_bit(const unsigned long *addr, unsigned long size)
{
	return __kplay_find_bit(addr, size, 0, ~0UL);
}

/* find_last_bit - the last set bit, or size */
static inline unsigned long find_last_bit(const unsigned long *addr, unsigned long size)
{
	unsigned long i = size;

	while (i--)
		if ((addr[i / BITS_PER_LONG] >> (i % BITS_PER_LONG)) & 1)
			return i;
	return size;
}

#define for_each_clear_bit(bit, addr, size) \
	for ((bit) = find_first_zero_bit((addr), (size));		\
	     (bit) < (size);						\
	     (bit) = find_next_zero_bit((addr), (size), (bit) + 1))

#endif /*__LINUX_FIND_H_ */
