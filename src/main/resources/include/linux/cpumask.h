/* SPDX-License-Identifier: GPL-2.0 */
#ifndef __LINUX_CPUMASK_H
#define __LINUX_CPUMASK_H

#include <linux/bitops.h>
#include <linux/bitmap.h>
#include <linux/smp.h>
#include <linux/types.h>
#include <linux/compiler.h>

/* One CPU, as the oracle's guest has (nr_cpu_ids 1, __num_online_cpus 1). */
extern unsigned int nr_cpu_ids;
extern atomic_t __num_online_cpus;

static __always_inline unsigned int num_online_cpus(void)
{
	return READ_ONCE(__num_online_cpus.counter);
}
#define num_possible_cpus()	1U
#define num_present_cpus()	1U

#define for_each_possible_cpu(cpu) for ((cpu) = 0; (cpu) < 1; (cpu)++)
#define for_each_online_cpu(cpu)   for ((cpu) = 0; (cpu) < 1; (cpu)++)

#endif /* __LINUX_CPUMASK_H */
