/* SPDX-License-Identifier: GPL-2.0 */
#ifndef __LINUX_BITMAP_H
#define __LINUX_BITMAP_H
/*
 * Bitmaps: arrays of unsigned long holding nbits bits (DECLARE_BITMAP), the
 * 6.1 interface for the operations tutorials use. kplay computes them here bit
 * by bit (Linux calls __bitmap_* in lib/bitmap.c for large maps); the results
 * are 6.1's. Print a bitmap with "%*pb" (hex) or "%*pbl" (ranges), nbits as
 * the field width.
 */

#include <linux/types.h>
#include <linux/bitops.h>
#include <linux/find.h>
#include <linux/string.h>
#include <linux/limits.h>

#define BITMAP_FIRST_WORD_MASK(start) (~0UL << ((start) & (BITS_PER_LONG - 1)))
#define BITMAP_LAST_WORD_MASK(nbits) (~0UL >> (-(nbits) & (BITS_PER_LONG - 1)))

static inline void bitmap_zero(unsigned long *dst, unsigned int nbits)
{
	memset(dst, 0, BITS_TO_LONGS(nbits) * sizeof(unsigned long));
}

static inline void bitmap_fill(unsigned long *dst, unsigned int nbits)
{
	memset(dst, 0xff, BITS_TO_LONGS(nbits) * sizeof(unsigned long));
}

static inline void bitmap_copy(unsigned long *dst, const unsigned long *src, unsigned int nbits)
{
	memcpy(dst, src, BITS_TO_LONGS(nbits) * sizeof(unsigned long));
}

/* bitmap_set - set nbits bits from start */
static inline void bitmap_set(unsigned long *map, unsigned int start, unsigned int nbits)
{
	unsigned int i;

	for (i = start; i < start + nbits; i++)
		map[i / BITS_PER_LONG] |= 1UL << (i % BITS_PER_LONG);
}

/* bitmap_clear - clear nbits bits from start */
static inline void bitmap_clear(unsigned long *map, unsigned int start, unsigned int nbits)
{
	unsigned int i;

	for (i = start; i < start + nbits; i++)
		map[i / BITS_PER_LONG] &= ~(1UL << (i % BITS_PER_LONG));
}

/* bitmap_weight - the number of set bits among the first nbits */
static inline unsigned int bitmap_weight(const unsigned long *src, unsigned int nbits)
{
	unsigned int i, w = 0;

	for (i = 0; i < nbits; i++)
		w += (src[i / BITS_PER_LONG] >> (i % BITS_PER_LONG)) & 1;
	return w;
}

static inline bool bitmap_empty(const unsigned long *src, unsigned int nbits)
{
	return find_first_bit(src, nbits) == nbits;
}

static inline bool bitmap_full(const unsigned long *src, unsigned int nbits)
{
	return find_first_zero_bit(src, nbits) == nbits;
}

static inline bool bitmap_equal(const unsigned long *src1, const unsigned long *src2,
				unsigned int nbits)
{
	unsigned int i;

	for (i = 0; i < nbits; i++)
		if (((src1[i / BITS_PER_LONG] ^ src2[i / BITS_PER_LONG]) >> (i % BITS_PER_LONG)) & 1)
			return false;
	return true;
}

static inline bool bitmap_and(unsigned long *dst, const unsigned long *src1,
			      const unsigned long *src2, unsigned int nbits)
{
	unsigned int k;
	unsigned long result = 0;

	for (k = 0; k < BITS_TO_LONGS(nbits); k++) {
		dst[k] = src1[k] & src2[k];
		result |= k == BITS_TO_LONGS(nbits) - 1 ? dst[k] & BITMAP_LAST_WORD_MASK(nbits) : dst[k];
	}
	return result != 0;
}

static inline void bitmap_or(unsigned long *dst, const unsigned long *src1,
			     const unsigned long *src2, unsigned int nbits)
{
	unsigned int k;

	for (k = 0; k < BITS_TO_LONGS(nbits); k++)
		dst[k] = src1[k] | src2[k];
}

static inline void bitmap_xor(unsigned long *dst, const unsigned long *src1,
			      const unsigned long *src2, unsigned int nbits)
{
	unsigned int k;

	for (k = 0; k < BITS_TO_LONGS(nbits); k++)
		dst[k] = src1[k] ^ src2[k];
}

static inline void bitmap_complement(unsigned long *dst, const unsigned long *src,
				     unsigned int nbits)
{
	unsigned int k;

	for (k = 0; k < BITS_TO_LONGS(nbits); k++)
		dst[k] = ~src[k];
}

#endif /* __LINUX_BITMAP_H */
