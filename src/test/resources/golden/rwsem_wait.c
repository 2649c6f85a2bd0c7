/*
 * rwsem_wait.c - who waits on a read-write semaphore: init holds it for
 * writing while two readers and a writer queue up (reader, writer, reader);
 * when init lets go, the readers go in together and the writer waits for both.
 */
#include <linux/delay.h>
#include <linux/init.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/rwsem.h>
#include <linux/sched.h>

static struct rw_semaphore table_sem;
static struct task_struct *threads[3];

static int reader(void *data)
{
	long n = (long)data;

	down_read(&table_sem);
	pr_info("rwsem_wait: reader %ld in\n", n);
	msleep(200);
	pr_info("rwsem_wait: reader %ld out\n", n);
	up_read(&table_sem);
	while (!kthread_should_stop())
		schedule_timeout_interruptible(HZ / 10);
	return 0;
}

static int writer(void *data)
{
	down_write(&table_sem);
	pr_info("rwsem_wait: writer in (locked=%d)\n", rwsem_is_locked(&table_sem));
	up_write(&table_sem);
	while (!kthread_should_stop())
		schedule_timeout_interruptible(HZ / 10);
	return 0;
}

static int __init rwsem_wait_init(void)
{
	init_rwsem(&table_sem);
	down_write(&table_sem);
	threads[0] = kthread_run(reader, (void *)1L, "rw_reader1");
	msleep(20);
	threads[1] = kthread_run(writer, NULL, "rw_writer");
	msleep(20);
	threads[2] = kthread_run(reader, (void *)2L, "rw_reader2");
	msleep(60);
	pr_info("rwsem_wait: init lets go\n");
	up_write(&table_sem);
	return 0;
}

static void __exit rwsem_wait_exit(void)
{
	int i;

	for (i = 0; i < 3; i++)
		kthread_stop(threads[i]);
	pr_info("rwsem_wait: locked=%d\n", rwsem_is_locked(&table_sem));
}

module_init(rwsem_wait_init);
module_exit(rwsem_wait_exit);
MODULE_LICENSE("GPL");
