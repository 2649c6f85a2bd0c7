/* SPDX-License-Identifier: GPL-2.0 */
#ifndef __LINUX_PREEMPT_H
#define __LINUX_PREEMPT_H

#include <linux/linkage.h>
#include <linux/compiler.h>

extern void preempt_count_add(int val);
extern void preempt_count_sub(int val);
extern int preempt_count(void);

#define preempt_disable() \
do { \
	preempt_count_add(1); \
	barrier(); \
} while (0)

#define preempt_enable() \
do { \
	barrier(); \
	preempt_count_sub(1); \
} while (0)

#define preempt_enable_no_resched() preempt_enable()
#define in_interrupt()		(preempt_count() & 0x1fff00)
#define in_softirq()		(preempt_count() & 0xff00)
#define in_irq()		(preempt_count() & 0xf0000)
#define in_task()		(!(preempt_count() & 0x1fff00))
#define in_atomic()		(preempt_count() != 0)

#endif /* __LINUX_PREEMPT_H */
