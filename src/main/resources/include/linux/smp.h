/* SPDX-License-Identifier: GPL-2.0 */
#ifndef __LINUX_SMP_H
#define __LINUX_SMP_H

#include <linux/types.h>
#include <linux/list.h>

/* One CPU. */
#define raw_smp_processor_id()	0
#define smp_processor_id()	0
#define get_cpu()		({ preempt_disable(); 0; })
#define put_cpu()		preempt_enable()

/* nr_cpu_ids and num_online_cpus() are cpumask.h's, as in 6.1 */
#include <linux/cpumask.h>

#endif /* __LINUX_SMP_H */
