/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_GENERIC_BUG_H
#define _ASM_GENERIC_BUG_H

#include <linux/compiler.h>


/*
 * kplay: WARN_ON(), BUG_ON() and their relatives are in <linux/bug.h>; this
 * header keeps its place in the include graph, its #include lines at 6.1's
 * line numbers, so that gcc's "In file included from" chains read as on a
 * real build.
 */






#ifndef __ASSEMBLY__
#include <linux/panic.h>
#include <linux/printk.h>
#endif

#endif /* _ASM_GENERIC_BUG_H */
