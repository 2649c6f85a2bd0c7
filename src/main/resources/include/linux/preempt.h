/* SPDX-License-Identifier: GPL-2.0 */
#ifndef __LINUX_PREEMPT_H
#define __LINUX_PREEMPT_H

/*
 * preempt_count lives in the per-CPU variable __preempt_count (one CPU here), as on x86: the
 * inlines below read and change it directly, and the kernel's own paths (spinlocks, softirqs,
 * hardirqs) keep it in the same place. Bit 31 is PREEMPT_NEED_RESCHED, inverted.
 */
#include <linux/linkage.h>
#include <linux/compiler.h>

#define PREEMPT_BITS	8
#define SOFTIRQ_BITS	8
#define HARDIRQ_BITS	4
#define NMI_BITS	4

#define PREEMPT_MASK	0x000000ff
#define SOFTIRQ_MASK	0x0000ff00
#define HARDIRQ_MASK	0x000f0000
#define NMI_MASK	0x00f00000

#define PREEMPT_OFFSET	(1UL << 0)
#define SOFTIRQ_OFFSET	(1UL << 8)
#define HARDIRQ_OFFSET	(1UL << 16)
#define NMI_OFFSET	(1UL << 20)
#define SOFTIRQ_DISABLE_OFFSET	(2 * SOFTIRQ_OFFSET)

#define PREEMPT_NEED_RESCHED	0x80000000

extern int __preempt_count;

static __always_inline int preempt_count(void)
{
	return READ_ONCE(__preempt_count) & ~PREEMPT_NEED_RESCHED;
}

static __always_inline void __preempt_count_add(int val) { __preempt_count += val; }
static __always_inline void __preempt_count_sub(int val) { __preempt_count -= val; }

#define preempt_count_add(val)	__preempt_count_add(val)
#define preempt_count_sub(val)	__preempt_count_sub(val)
#define preempt_count_inc()	preempt_count_add(1)
#define preempt_count_dec()	preempt_count_sub(1)

#define preempt_disable() \
do { \
	preempt_count_inc(); \
	barrier(); \
} while (0)

#define preempt_enable_no_resched() \
do { \
	barrier(); \
	preempt_count_dec(); \
} while (0)

#define preempt_enable() preempt_enable_no_resched()

#define hardirq_count()	(preempt_count() & HARDIRQ_MASK)
#define softirq_count()	(preempt_count() & SOFTIRQ_MASK)
#define irq_count()	(preempt_count() & (NMI_MASK | HARDIRQ_MASK | SOFTIRQ_MASK))

#define in_nmi()		(preempt_count() & NMI_MASK)
#define in_hardirq()		(hardirq_count())
#define in_serving_softirq()	(softirq_count() & SOFTIRQ_OFFSET)
#define in_task()		(!(in_nmi() | in_hardirq() | in_serving_softirq()))
#define in_irq()		(hardirq_count())
#define in_softirq()		(softirq_count())
#define in_interrupt()		(irq_count())
#define in_atomic()		(preempt_count() != 0)

#endif /* __LINUX_PREEMPT_H */
