/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef __ASM_GENERIC_BITOPS_GENERIC_NON_ATOMIC_H
#define __ASM_GENERIC_BITOPS_GENERIC_NON_ATOMIC_H

#include <linux/bits.h>
#include <asm/barrier.h>
/*
 * kplay: the non-atomic bit operations (__set_bit() and the others) are in
 * <linux/bitops.h>. This header keeps its place in the include graph, its
 * #include lines at 6.1's line numbers, so that gcc's "In file included from"
 * chains read as on a real build.
 */

#endif /* __ASM_GENERIC_BITOPS_GENERIC_NON_ATOMIC_H */
