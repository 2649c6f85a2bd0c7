/*
 * tasklist.c - walking the task list and reading task_struct fields
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/signal.h>

static int __init tasklist_init(void)
{
	struct task_struct *p, *first = NULL;
	int found_self = 0, found_init = 0;

	pr_info("tasklist: current %s [%d] tgid [%d] state %u\n",
		current->comm, current->pid, current->tgid, current->__state);
	pr_info("tasklist: parent [%d], parent's parent [%d]\n",
		current->real_parent->pid, current->real_parent->real_parent->pid);
	pr_info("tasklist: signal pending %d, SIGKILL pending %d, SIGINT blocked %d\n",
		signal_pending(current), sigismember(&current->pending.signal, SIGKILL),
		sigismember(&current->blocked, SIGINT));

	rcu_read_lock();
	for_each_process(p) {
		if (!first)
			first = p;
		if (p == current)
			found_self = 1;
		if (p->pid == 1)
			found_init = 1;
	}
	pr_info("tasklist: first task %s [%d], parent [%d]\n", first->comm, first->pid,
		first->real_parent->pid);
	pr_info("tasklist: init_task is %s [%d]\n", init_task.comm, init_task.pid);
	rcu_read_unlock();
	pr_info("tasklist: found self %d, found init %d\n", found_self, found_init);
	return 0;
}

static void __exit tasklist_exit(void)
{
	pr_info("tasklist: exit in %s [%d]\n", current->comm, task_pid_nr(current));
}

module_init(tasklist_init);
module_exit(tasklist_exit);
MODULE_LICENSE("GPL");
