/* percpu_demo.c: per-CPU counters, static and dynamic */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/percpu.h>
#include <linux/cpumask.h>
#include <linux/smp.h>

static DEFINE_PER_CPU(long, hits);
static long __percpu *dyn;

static int __init percpu_demo_init(void)
{
	int cpu, i;
	long total = 0;

	dyn = alloc_percpu(long);
	if (!dyn)
		return -ENOMEM;
	for (i = 0; i < 5; i++) {
		this_cpu_inc(hits);
		this_cpu_add(*dyn, 3);
	}
	for_each_possible_cpu(cpu) {
		total += per_cpu(hits, cpu);
		pr_info("percpu_demo: cpu%d hits %ld dyn %ld\n", cpu, per_cpu(hits, cpu), *per_cpu_ptr(dyn, cpu));
	}
	cpu = get_cpu();
	pr_info("percpu_demo: on cpu %d of %u online, total %ld\n", cpu, num_online_cpus(), total);
	put_cpu();
	return 0;
}

static void __exit percpu_demo_exit(void)
{
	free_percpu(dyn);
	pr_info("percpu_demo: exit\n");
}

module_init(percpu_demo_init);
module_exit(percpu_demo_exit);
MODULE_LICENSE("GPL");
