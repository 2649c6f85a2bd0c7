/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_X86_CURRENT_H
#define _ASM_X86_CURRENT_H

#include <linux/compiler.h>

struct task_struct;

/*
 * The running task. On x86 this is the per-CPU variable current_task; kplay
 * has one CPU, so it is a plain exported variable the scheduler updates.
 */
extern struct task_struct *current_task;

static __always_inline struct task_struct *get_current(void)
{
	return current_task;
}

#define current get_current()

#endif /* _ASM_X86_CURRENT_H */
