/*
 * cpu_relax() in a spin-wait loop, with only <linux/module.h> and <linux/kernel.h>: on x86 it is
 * rep_nop(), asm volatile("rep; nop") (PAUSE), reached through asm/processor.h.
 */
#include <linux/module.h>
#include <linux/kernel.h>

MODULE_LICENSE("GPL");

static int flag;

static int __init relax_init(void)
{
	int i;

	for (i = 0; i < 1000 && !READ_ONCE(flag); i++)
		cpu_relax();
	pr_info("relax: spun %d times\n", i);
	return 0;
}

static void __exit relax_exit(void)
{
	pr_info("relax: bye\n");
}

module_init(relax_init);
module_exit(relax_exit);
