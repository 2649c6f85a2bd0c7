/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_X86_BUG_H
#define _ASM_X86_BUG_H

#include <linux/stringify.h>

/*
 * kplay: 6.1's x86 BUG() is a ud2 instruction with a bug table entry; kplay
 * defines BUG(), WARN() and their relatives in <linux/bug.h>, where its virtual
 * machine traps them. This header keeps its place in the include graph, its
 * #include lines at 6.1's line numbers, so that gcc's "In file included from"
 * chains read as on a real build.
 */









































































#include <asm-generic/bug.h>

#endif /* _ASM_X86_BUG_H */
