/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_X86_ALTERNATIVE_H
#define _ASM_X86_ALTERNATIVE_H

#include <linux/types.h>
#include <linux/stringify.h>

#include <asm/bug.h>

/*
 * kplay: 6.1's alternatives (instructions patched at boot for the CPU) have no
 * counterpart in kplay's virtual machine. This header keeps its place in the
 * include graph, its #include lines at 6.1's line numbers, so that gcc's
 * "In file included from" chains read as on a real build.
 */

#endif /* _ASM_X86_ALTERNATIVE_H */
