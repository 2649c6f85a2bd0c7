/* percpu_bug.c: using a per-CPU pointer without this_cpu_ptr() */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/percpu.h>

static DEFINE_PER_CPU(int, visits);
static int __percpu *counter;

static int __init percpu_bug_init(void)
{
	counter = alloc_percpu(int);
	if (!counter)
		return -ENOMEM;
	this_cpu_inc(visits);
	pr_info("percpu_bug: visits %d, counter at %px, visits at %px, offset %lx\n", this_cpu_read(visits),
		counter, &visits, __per_cpu_offset[0]);
	pr_info("percpu_bug: this cpu's counter at %px\n", this_cpu_ptr(counter));
	*counter = 1;	/* wrong: a per-CPU pointer is not an address */
	pr_info("percpu_bug: not reached\n");
	return 0;
}

static void __exit percpu_bug_exit(void)
{
	free_percpu(counter);
}

module_init(percpu_bug_init);
module_exit(percpu_bug_exit);
MODULE_LICENSE("GPL");
