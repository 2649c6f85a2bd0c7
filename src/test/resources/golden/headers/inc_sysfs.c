#include <linux/sysfs.h>
#ifdef _LINUX_ATOMIC_H
#warning "linux/atomic.h"
#endif
#ifdef _LINUX_BITOPS_H
#warning "linux/bitops.h"
#endif
#ifdef __LINUX_BITS_H
#warning "linux/bits.h"
#endif
#ifdef _LINUX_BH_H
#warning "linux/bottom_half.h"
#endif
#ifdef _LINUX_BUG_H
#warning "linux/bug.h"
#endif
#ifdef _LINUX_BUILD_BUG_H
#warning "linux/build_bug.h"
#endif
#ifdef __LINUX_CACHE_H
#warning "linux/cache.h"
#endif
#ifdef _LINUX_CAPABILITY_H
#warning "linux/capability.h"
#endif
#ifdef _LINUX_CDEV_H
#warning "linux/cdev.h"
#endif
#ifdef __LINUX_COMPILER_H
#warning "linux/compiler.h"
#endif
#ifdef __LINUX_COMPILER_ATTRIBUTES_H
#warning "linux/compiler_attributes.h"
#endif
#ifdef __LINUX_COMPILER_TYPES_H
#warning "linux/compiler_types.h"
#endif
#ifdef __LINUX_COMPLETION_H
#warning "linux/completion.h"
#endif
#ifdef _LINUX_CONST_H
#warning "linux/const.h"
#endif
#ifdef _LINUX_CONTAINER_OF_H
#warning "linux/container_of.h"
#endif
#ifdef __LINUX_CPUMASK_H
#warning "linux/cpumask.h"
#endif
#ifdef _LINUX_CRED_H
#warning "linux/cred.h"
#endif
#ifdef _LINUX_CTYPE_H
#warning "linux/ctype.h"
#endif
#ifdef __LINUX_DCACHE_H
#warning "linux/dcache.h"
#endif
#ifdef _DEBUGFS_H_
#warning "linux/debugfs.h"
#endif
#ifdef _LINUX_DELAY_H
#warning "linux/delay.h"
#endif
#ifdef _DEVICE_H_
#warning "linux/device.h"
#endif
#ifdef _LINUX_ERR_H
#warning "linux/err.h"
#endif
#ifdef _LINUX_ERRNO_H
#warning "linux/errno.h"
#endif
#ifdef _LINUX_ERROR_INJECTION_H
#warning "linux/error-injection.h"
#endif
#ifdef _LINUX_EXPORT_H
#warning "linux/export.h"
#endif
#ifdef _LINUX_FCNTL_H
#warning "linux/fcntl.h"
#endif
#ifdef _LINUX_FS_H
#warning "linux/fs.h"
#endif
#ifdef __LINUX_GFP_H
#warning "linux/gfp.h"
#endif
#ifdef LINUX_HARDIRQ_H
#warning "linux/hardirq.h"
#endif
#ifdef _LINUX_HASH_H
#warning "linux/hash.h"
#endif
#ifdef _LINUX_HASHTABLE_H
#warning "linux/hashtable.h"
#endif
#ifdef _LINUX_HIGHUID_H
#warning "linux/highuid.h"
#endif
#ifdef _LINUX_HRTIMER_H
#warning "linux/hrtimer.h"
#endif
#ifdef _LINUX_INIT_H
#warning "linux/init.h"
#endif
#ifdef _LINUX_INTERRUPT_H
#warning "linux/interrupt.h"
#endif
#ifdef _LINUX_IOCTL_H
#warning "linux/ioctl.h"
#endif
#ifdef _LINUX_TRACE_IRQFLAGS_H
#warning "linux/irqflags.h"
#endif
#ifdef _LINUX_IRQRETURN_H
#warning "linux/irqreturn.h"
#endif
#ifdef _LINUX_JIFFIES_H
#warning "linux/jiffies.h"
#endif
#ifdef _LINUX_JUMP_LABEL_H
#warning "linux/jump_label.h"
#endif
#ifdef __LINUX_KCONFIG_H
#warning "linux/kconfig.h"
#endif
#ifdef _LINUX_KDEV_T_H
#warning "linux/kdev_t.h"
#endif
#ifdef __KERN_LEVELS_H__
#warning "linux/kern_levels.h"
#endif
#ifdef _LINUX_KERNEL_H
#warning "linux/kernel.h"
#endif
#ifdef __LINUX_KMOD_H__
#warning "linux/kmod.h"
#endif
#ifdef _KOBJECT_H_
#warning "linux/kobject.h"
#endif
#ifdef _KREF_H_
#warning "linux/kref.h"
#endif
#ifdef _LINUX_KSTRTOX_H
#warning "linux/kstrtox.h"
#endif
#ifdef _LINUX_KTHREAD_H
#warning "linux/kthread.h"
#endif
#ifdef _LINUX_KTIME_H
#warning "linux/ktime.h"
#endif
#ifdef _LINUX_LIMITS_H
#warning "linux/limits.h"
#endif
#ifdef _LINUX_LINKAGE_H
#warning "linux/linkage.h"
#endif
#ifdef _LINUX_LIST_H
#warning "linux/list.h"
#endif
#ifdef __LINUX_LOCKDEP_H
#warning "linux/lockdep.h"
#endif
#ifdef _LINUX_LOG2_H
#warning "linux/log2.h"
#endif
#ifdef _LINUX_MAJOR_H
#warning "linux/major.h"
#endif
#ifdef _LINUX_MATH_H
#warning "linux/math.h"
#endif
#ifdef _LINUX_MINMAX_H
#warning "linux/minmax.h"
#endif
#ifdef _LINUX_MISCDEVICE_H
#warning "linux/miscdevice.h"
#endif
#ifdef _LINUX_MM_H
#warning "linux/mm.h"
#endif
#ifdef _LINUX_MODULE_H
#warning "linux/module.h"
#endif
#ifdef _LINUX_MODULE_PARAMS_H
#warning "linux/moduleparam.h"
#endif
#ifdef __LINUX_MUTEX_H
#warning "linux/mutex.h"
#endif
#ifdef __LINUX_OVERFLOW_H
#warning "linux/overflow.h"
#endif
#ifdef _LINUX_PANIC_H
#warning "linux/panic.h"
#endif
#ifdef _PLATFORM_DEVICE_H_
#warning "linux/platform_device.h"
#endif
#ifdef _LINUX_PM_H
#warning "linux/pm.h"
#endif
#ifdef _LINUX_POISON_H
#warning "linux/poison.h"
#endif
#ifdef _LINUX_POLL_H
#warning "linux/poll.h"
#endif
#ifdef __LINUX_PREEMPT_H
#warning "linux/preempt.h"
#endif
#ifdef __KERNEL_PRINTK__
#warning "linux/printk.h"
#endif
#ifdef _LINUX_PROC_FS_H
#warning "linux/proc_fs.h"
#endif
#ifdef _LINUX_RANDOM_H
#warning "linux/random.h"
#endif
#ifdef _LINUX_RCULIST_H
#warning "linux/rculist.h"
#endif
#ifdef __LINUX_RCUPDATE_H
#warning "linux/rcupdate.h"
#endif
#ifdef _LINUX_REFCOUNT_H
#warning "linux/refcount.h"
#endif
#ifdef __LINUX_RWLOCK_H
#warning "linux/rwlock.h"
#endif
#ifdef _LINUX_SCHED_H
#warning "linux/sched.h"
#endif
#ifdef __LINUX_SEMAPHORE_H
#warning "linux/semaphore.h"
#endif
#ifdef _LINUX_SEQ_FILE_H
#warning "linux/seq_file.h"
#endif
#ifdef _LINUX_SIGNAL_H
#warning "linux/signal.h"
#endif
#ifdef _LINUX_SLAB_H
#warning "linux/slab.h"
#endif
#ifdef __LINUX_SMP_H
#warning "linux/smp.h"
#endif
#ifdef __LINUX_SPINLOCK_H
#warning "linux/spinlock.h"
#endif
#ifdef _LINUX_STAT_H
#warning "linux/stat.h"
#endif
#ifdef _LINUX_STDARG_H
#warning "linux/stdarg.h"
#endif
#ifdef _LINUX_STDDEF_H
#warning "linux/stddef.h"
#endif
#ifdef _LINUX_STRING_H_
#warning "linux/string.h"
#endif
#ifdef __LINUX_STRINGIFY_H
#warning "linux/stringify.h"
#endif
#ifdef _LINUX_SWAIT_H
#warning "linux/swait.h"
#endif
#ifdef _LINUX_SYSCTL_H
#warning "linux/sysctl.h"
#endif
#ifdef _SYSFS_H_
#warning "linux/sysfs.h"
#endif
#ifdef _LINUX_TIME_H
#warning "linux/time.h"
#endif
#ifdef _LINUX_TIME64_H
#warning "linux/time64.h"
#endif
#ifdef _LINUX_TIMEKEEPING_H
#warning "linux/timekeeping.h"
#endif
#ifdef _LINUX_TIMER_H
#warning "linux/timer.h"
#endif
#ifdef TYPECHECK_H_INCLUDED
#warning "linux/typecheck.h"
#endif
#ifdef _LINUX_TYPES_H
#warning "linux/types.h"
#endif
#ifdef __LINUX_UACCESS_H__
#warning "linux/uaccess.h"
#endif
#ifdef _LINUX_UIDGID_H
#warning "linux/uidgid.h"
#endif
#ifdef __LINUX_UIO_H
#warning "linux/uio.h"
#endif
#ifdef _LINUX_VMALLOC_H
#warning "linux/vmalloc.h"
#endif
#ifdef _LINUX_WAIT_H
#warning "linux/wait.h"
#endif
#ifdef _LINUX_WORKQUEUE_H
#warning "linux/workqueue.h"
#endif
#ifdef _LINUX_SCHED_SIGNAL_H
#warning "linux/sched/signal.h"
#endif
#ifdef _LINUX_SCHED_TASK_H
#warning "linux/sched/task.h"
#endif
#ifdef _ASM_X86_ALTERNATIVE_H
#warning "asm/alternative.h"
#endif
#ifdef _ASM_X86_BARRIER_H
#warning "asm/barrier.h"
#endif
#ifdef _ASM_X86_BUG_H
#warning "asm/bug.h"
#endif
#ifdef _ASM_X86_CURRENT_H
#warning "asm/current.h"
#endif
#ifdef _ASM_X86_PAGE_H
#warning "asm/page.h"
#endif
#ifdef _ASM_X86_PARAM_H
#warning "asm/param.h"
#endif
#ifdef _ASM_X86_PROCESSOR_H
#warning "asm/processor.h"
#endif
#ifdef __ASM_VDSO_PROCESSOR_H
#warning "asm/vdso/processor.h"
#endif
#ifdef _ASM_X86_PTRACE_H
#warning "asm/ptrace.h"
#endif
#ifdef _ASM_X86_SYSCALL_WRAPPER_H
#warning "asm/syscall_wrapper.h"
#endif
#ifdef _LINUX_RWSEM_H
#warning "linux/rwsem.h"
#endif
#ifdef __IDR_H__
#warning "linux/idr.h"
#endif
#ifdef _LINUX_KFIFO_H
#warning "linux/kfifo.h"
#endif
#ifdef __LINUX_BITMAP_H
#warning "linux/bitmap.h"
#endif
#ifdef __LINUX_FIND_H_
#warning "linux/find.h"
#endif
#include <linux/module.h>
MODULE_LICENSE("GPL");
