/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_TRACE_IRQFLAGS_H
#define _LINUX_TRACE_IRQFLAGS_H

/*
 * Interrupt flags go through the paravirt operations, as on Debian's CONFIG_PARAVIRT kernel:
 * pv_ops.irq holds the native save_fl/irq_disable/irq_enable. kplay's pv_ops keeps only the irq
 * operations: save_fl@0, irq_disable@8, irq_enable@16.
 */
#include <linux/compiler.h>

#define X86_EFLAGS_IF	0x00000200

struct paravirt_callee_save {
	void *func;
};

struct pv_irq_ops {
	struct paravirt_callee_save save_fl;
	struct paravirt_callee_save irq_disable;
	struct paravirt_callee_save irq_enable;
};

struct paravirt_patch_template {
	struct pv_irq_ops irq;
};

extern struct paravirt_patch_template pv_ops;

static __always_inline unsigned long arch_local_save_flags(void)
{
	return ((unsigned long (*)(void))pv_ops.irq.save_fl.func)();
}

static __always_inline void arch_local_irq_disable(void)
{
	((void (*)(void))pv_ops.irq.irq_disable.func)();
}

static __always_inline void arch_local_irq_enable(void)
{
	((void (*)(void))pv_ops.irq.irq_enable.func)();
}

static __always_inline unsigned long arch_local_irq_save(void)
{
	unsigned long flags = arch_local_save_flags();

	arch_local_irq_disable();
	return flags;
}

static __always_inline int arch_irqs_disabled_flags(unsigned long flags)
{
	return !(flags & X86_EFLAGS_IF);
}

#define local_irq_enable()	arch_local_irq_enable()
#define local_irq_disable()	arch_local_irq_disable()
#define local_irq_save(flags)	do { (flags) = arch_local_irq_save(); } while (0)
#define local_irq_restore(flags) do { if (!arch_irqs_disabled_flags(flags)) arch_local_irq_enable(); } while (0)
#define local_save_flags(flags)	do { (flags) = arch_local_save_flags(); } while (0)
#define irqs_disabled_flags(flags) arch_irqs_disabled_flags(flags)
#define irqs_disabled()		arch_irqs_disabled_flags(arch_local_save_flags())

#endif
