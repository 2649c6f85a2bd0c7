/*
 * sem_demo.c - a counting semaphore: down_trylock() until it is used up,
 * up(), down_timeout() that times out, down_interruptible().
 */
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/semaphore.h>

static struct semaphore sem;

static int __init sem_demo_init(void)
{
	int a, b, c;

	sema_init(&sem, 2);
	a = down_trylock(&sem);
	b = down_trylock(&sem);
	c = down_trylock(&sem);
	pr_info("down_trylock: %d %d %d\n", a, b, c);
	a = down_timeout(&sem, msecs_to_jiffies(100));
	pr_info("down_timeout on an empty semaphore: %d\n", a);
	up(&sem);
	a = down_interruptible(&sem);
	pr_info("down_interruptible after up: %d\n", a);
	up(&sem);
	up(&sem);
	pr_info("count=%u\n", sem.count);
	return 0;
}

static void __exit sem_demo_exit(void)
{
	pr_info("sem_demo exit\n");
}

module_init(sem_demo_init);
module_exit(sem_demo_exit);
MODULE_LICENSE("GPL");
