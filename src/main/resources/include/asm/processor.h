/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_X86_PROCESSOR_H
#define _ASM_X86_PROCESSOR_H

/*
 * kplay: of x86's processor.h (struct cpuinfo_x86, the TSS, MSR access...) only what a module
 * calls: cpu_relax() and rep_nop(), from asm/vdso/processor.h, as 6.1 includes it.
 */
#include <asm/vdso/processor.h>

#endif /* _ASM_X86_PROCESSOR_H */
