/* SPDX-License-Identifier: GPL-2.0 */
#ifndef __LINUX_CPUMASK_H
#define __LINUX_CPUMASK_H

#include <linux/bitops.h>
#include <linux/bitmap.h>
#include <linux/smp.h>

#define for_each_possible_cpu(cpu) for ((cpu) = 0; (cpu) < 1; (cpu)++)
#define for_each_online_cpu(cpu)   for ((cpu) = 0; (cpu) < 1; (cpu)++)

#endif /* __LINUX_CPUMASK_H */
