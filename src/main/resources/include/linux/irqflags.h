/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_TRACE_IRQFLAGS_H
#define _LINUX_TRACE_IRQFLAGS_H

#include <linux/compiler.h>

/* kplay's CPU takes no asynchronous interrupts inside module code: these only order memory. */
#define local_irq_enable()	barrier()
#define local_irq_disable()	barrier()
#define local_irq_save(flags)	do { (flags) = 0; barrier(); } while (0)
#define local_irq_restore(flags) do { (void)(flags); barrier(); } while (0)
#define irqs_disabled()		0

#endif
