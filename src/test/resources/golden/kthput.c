/*
 * kthput.c - a kernel thread that holds a reference on its module and drops it
 * as it ends, with module_put_and_kthread_exit().
 */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static struct task_struct *worker;

static int kthput_fn(void *data)
{
	msleep(2000);
	pr_info("kthput: worker exits\n");
	module_put_and_kthread_exit(0);
}

static int __init kthput_init(void)
{
	__module_get(THIS_MODULE);
	worker = kthread_run(kthput_fn, NULL, "kthput");
	if (IS_ERR(worker)) {
		module_put(THIS_MODULE);
		return PTR_ERR(worker);
	}
	pr_info("kthput: started %s\n", worker->comm);
	return 0;
}

static void __exit kthput_exit(void)
{
	pr_info("kthput: unloaded\n");
}

module_init(kthput_init);
module_exit(kthput_exit);
MODULE_LICENSE("GPL");
