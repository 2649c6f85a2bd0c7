/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_X86_BARRIER_H
#define _ASM_X86_BARRIER_H

#include <asm/alternative.h>
#include <linux/compiler.h>

#define mb()	barrier()
#define rmb()	barrier()
#define wmb()	barrier()
#define smp_mb()	barrier()
#define smp_rmb()	barrier()
#define smp_wmb()	barrier()
#define smp_store_mb(var, value) do { WRITE_ONCE(var, value); barrier(); } while (0)
#define smp_store_release(p, v) do { barrier(); WRITE_ONCE(*(p), (v)); } while (0)
#define smp_load_acquire(p) ({ typeof(*(p)) ___p1 = READ_ONCE(*(p)); barrier(); ___p1; })

#endif /* _ASM_X86_BARRIER_H */
