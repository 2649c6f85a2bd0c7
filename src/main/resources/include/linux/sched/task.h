/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_SCHED_TASK_H
#define _LINUX_SCHED_TASK_H

#include <linux/sched.h>

extern struct task_struct init_task;

#endif /* _LINUX_SCHED_TASK_H */
