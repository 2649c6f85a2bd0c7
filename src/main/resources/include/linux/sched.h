/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

/*
 * Define 'struct task_struct' and provide the main scheduler
 * APIs (schedule(), wakeup variants, etc.)
 *
 * kplay's struct task_struct keeps the fields modules use, at these offsets
 * (the kernel keeps each task's copy in kernel memory up to date):
 *   @0   struct thread_info thread_info  (flags @0: bit 2 TIF_SIGPENDING, bit 3 TIF_NEED_RESCHED)
 *   @24  unsigned int __state           TASK_RUNNING, TASK_INTERRUPTIBLE...
 *   @32  void *stack                    the 16 KiB kernel stack
 *   @40  refcount_t usage
 *   @44  unsigned int flags             PF_*
 *   @48  int prio, @52 static_prio, @56 normal_prio, @60 unsigned int policy
 *   @64  struct mm_struct *mm, @72 active_mm
 *   @80  int exit_state, @84 exit_code, @88 exit_signal
 *   @92  pid_t pid, @96 pid_t tgid
 *   @104 struct task_struct *real_parent, @112 parent
 *   @120 struct list_head children, @136 sibling
 *   @152 struct task_struct *group_leader
 *   @160 u64 utime, @168 stime
 *   @176 const struct cred *cred
 *   @184 char comm[16]
 *   @200 struct list_head tasks         the task list for_each_process() walks
 *   @216 sigset_t blocked, @224 struct sigpending pending (list, signal)
 *   @248 const struct cred *real_cred
 *   size 256
 * current is the exported per-CPU variable current_task (one CPU).
 */
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/refcount.h>
#include <linux/jiffies.h>
#include <linux/wait.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/preempt.h>
#include <linux/smp.h>
#include <linux/signal.h>
#include <linux/string.h>	/* through cpumask.h and bitmap.h, as in the real header */
#include <asm/current.h>

#define TASK_COMM_LEN			16

/* Used in tsk->exit_state: */
#define EXIT_DEAD			0x0010
#define EXIT_ZOMBIE			0x0020
#define EXIT_TRACE			(EXIT_ZOMBIE | EXIT_DEAD)
#define __TASK_STOPPED			0x0004
#define __TASK_TRACED			0x0008
#define TASK_PARKED			0x0040
#define TASK_DEAD			0x0080
#define TASK_WAKING			0x0200
#define TASK_NEW			0x0800
#define TASK_STOPPED			(TASK_WAKEKILL | __TASK_STOPPED)

#define TIF_SIGPENDING		2	/* signal pending */
#define TIF_NEED_RESCHED	3	/* rescheduling necessary */

#define PF_IDLE			0x00000002
#define PF_EXITING		0x00000004
#define PF_KTHREAD		0x00200000

#define MAX_SCHEDULE_TIMEOUT		LONG_MAX

struct thread_info {
	unsigned long		flags;		/* low level flags */
	unsigned long		syscall_work;	/* SYSCALL_WORK_ flags */
	u32			status;		/* thread synchronous flags */
	u32			cpu;		/* current CPU */
};

struct mm_struct;
struct cred;

struct sigpending {
	struct list_head list;
	sigset_t signal;
};

struct task_struct {
	struct thread_info		thread_info;
	unsigned int			__state;
	void				*stack;
	refcount_t			usage;
	unsigned int			flags;
	int				prio;
	int				static_prio;
	int				normal_prio;
	unsigned int			policy;
	struct mm_struct		*mm;
	struct mm_struct		*active_mm;
	int				exit_state;
	int				exit_code;
	int				exit_signal;
	pid_t				pid;
	pid_t				tgid;
	struct task_struct		*real_parent;
	struct task_struct		*parent;
	struct list_head		children;
	struct list_head		sibling;
	struct task_struct		*group_leader;
	u64				utime;
	u64				stime;
	const struct cred		*cred;
	char				comm[TASK_COMM_LEN];
	struct list_head		tasks;
	sigset_t			blocked;
	struct sigpending		pending;
	const struct cred		*real_cred;
};

#define task_is_running(task)		(READ_ONCE((task)->__state) == TASK_RUNNING)

/*
 * set_current_state() includes a barrier so that the write of current->__state
 * is correctly serialised wrt the caller's subsequent test of whether to
 * actually sleep.
 */
#define __set_current_state(state_value)				\
	do {								\
		WRITE_ONCE(current->__state, (state_value));		\
	} while (0)

#define set_current_state(state_value)					\
	do {								\
		WRITE_ONCE(current->__state, (state_value));		\
		barrier();						\
	} while (0)

extern long schedule_timeout(long timeout);
extern long schedule_timeout_interruptible(long timeout);
extern long schedule_timeout_killable(long timeout);
extern long schedule_timeout_uninterruptible(long timeout);
extern long schedule_timeout_idle(long timeout);
asmlinkage void schedule(void);
extern void schedule_preempt_disabled(void);
extern void io_schedule(void);
extern void yield(void);

extern int wake_up_process(struct task_struct *tsk);
extern int wake_up_state(struct task_struct *tsk, unsigned int state);
extern void wake_up_new_task(struct task_struct *tsk);

extern int __cond_resched(void);

static inline pid_t task_pid_nr(struct task_struct *tsk)
{
	return tsk->pid;
}

static inline pid_t task_tgid_nr(struct task_struct *tsk)
{
	return tsk->tgid;
}

static inline pid_t task_pid_vnr(struct task_struct *tsk)
{
	return tsk->pid;
}

static inline pid_t task_tgid_vnr(struct task_struct *tsk)
{
	return tsk->tgid;
}

static inline int pid_alive(const struct task_struct *p)
{
	return p->exit_state != EXIT_DEAD;
}

static inline int is_idle_task(const struct task_struct *p)
{
	return !!(p->flags & PF_IDLE);
}

extern char *__get_task_comm(char *to, size_t len, struct task_struct *tsk);
#define get_task_comm(buf, tsk) __get_task_comm(buf, sizeof(buf), tsk)

static inline int test_tsk_thread_flag(struct task_struct *tsk, int flag)
{
	return (READ_ONCE(tsk->thread_info.flags) >> flag) & 1;
}

static inline int test_tsk_need_resched(struct task_struct *tsk)
{
	return test_tsk_thread_flag(tsk, TIF_NEED_RESCHED);
}

static inline int task_sigpending(struct task_struct *p)
{
	return test_tsk_thread_flag(p, TIF_SIGPENDING);
}

static inline int signal_pending(struct task_struct *p)
{
	return task_sigpending(p);
}

extern int __fatal_signal_pending(struct task_struct *p);

static inline int fatal_signal_pending(struct task_struct *p)
{
	return task_sigpending(p) && __fatal_signal_pending(p);
}

static inline int signal_pending_state(unsigned int state, struct task_struct *p)
{
	if (!(state & (TASK_INTERRUPTIBLE | TASK_WAKEKILL)))
		return 0;
	if (!signal_pending(p))
		return 0;

	return (state & TASK_INTERRUPTIBLE) || __fatal_signal_pending(p);
}

extern struct task_struct *find_task_by_vpid(pid_t nr);
extern void __put_task_struct(struct task_struct *t);

static inline struct task_struct *get_task_struct(struct task_struct *t)
{
	refcount_inc(&t->usage);
	return t;
}

static inline void put_task_struct(struct task_struct *t)
{
	if (refcount_dec_and_test(&t->usage))
		__put_task_struct(t);
}

extern void send_sig(int sig, struct task_struct *p, int priv);
extern void allow_signal(int sig);

/* kplay: what 6.1's linux/sched.h makes visible through its own includes */
#include <linux/math.h>
#include <linux/log2.h>
#include <linux/export.h>
#include <linux/cache.h>
#include <linux/ioctl.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <linux/cpumask.h>
#include <linux/jump_label.h>
#include <linux/ktime.h>
#include <linux/timekeeping.h>
#include <linux/rwlock.h>
#include <linux/uidgid.h>
#include <linux/highuid.h>
#include <linux/rcupdate.h>
#include <linux/rculist.h>
#include <linux/timer.h>
#include <linux/hrtimer.h>
#include <linux/workqueue.h>
#include <linux/random.h>

#endif
