package dev.kplay.kernel.sched;

import dev.kplay.kernel.fs.OpenFile;
import dev.kplay.vm.KernelStack;

import java.util.ArrayList;
import java.util.List;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/*
 * struct task_struct, reduced: a task is plain data (as xv6's struct proc), never a Java thread.
 * What it runs in the kernel is its KernelStack plus the kernel path it entered by (the native
 * frames, outermost first, that a call trace prints below the module frames); what it holds is its
 * file table.
 */

/** One process. */
public final class Task {
    /** The /proc/PID/status letters. */
    public enum State {
        RUNNING('R', "R (running)"), SLEEPING('S', "S (sleeping)"), DISK_SLEEP('D', "D (disk sleep)"),
        STOPPED('T', "T (stopped)"), ZOMBIE('Z', "Z (zombie)"), DEAD('X', "X (dead)"), IDLE('I', "I (idle)");

        public final char letter;
        public final String status;

        State(char letter, String status) {
            this.letter = letter;
            this.status = status;
        }
    }

    /** task->flags bits (include/linux/sched.h). */
    public static final int PF_EXITING = 0x4, PF_WQ_WORKER = 0x20, PF_FORKNOEXEC = 0x40, PF_SUPERPRIV = 0x100,
            PF_MEMALLOC = 0x800, PF_NOFREEZE = 0x8000, PF_KSWAPD = 0x20000, PF_KTHREAD = 0x200000,
            PF_RANDOMIZE = 0x400000, PF_NO_SETAFFINITY = 0x4000000;
    /** What a kthread inherits from kthreadd (PF_NOFREEZE) and copy_process() sets (PF_FORKNOEXEC). */
    public static final int KTHREAD_FLAGS = PF_KTHREAD | PF_NOFREEZE | PF_FORKNOEXEC;
    /** A workqueue worker or rescuer, bound to its pool's CPUs (kthread_bind_mask). */
    public static final int WQ_WORKER_FLAGS = KTHREAD_FLAGS | PF_WQ_WORKER | PF_NO_SETAFFINITY;

    private final int pid;
    private int ppid;
    private String comm;
    private List<String> argv;
    private State state = State.RUNNING;
    /** wait(2) status once the task ended, else -1. */
    private int exitStatus = -1;
    private final KernelStack stack;
    /** Kernel functions the current syscall went through, outermost first (entry_SYSCALL_64... do_init_module). */
    private final List<String> kernelPath = new ArrayList<>();
    /** The fd table, made when the task first opens a file (most of a boot's kthreads never do). */
    private TreeMap<Integer, OpenFile> files;
    private static final SortedMap<Integer, OpenFile> NO_FILES = Collections.emptySortedMap();
    private int lastError;
    /** The number of the syscall the task is in (ORIG_RAX), -1 outside one. */
    private int syscallNr = -1;
    /** Instructions run since the task last slept (soft-lockup watchdog). */
    private long runSinceSleep;
    /** The address of this task's struct task_struct in kernel memory (0 if none). */
    private long taskStruct;
    /** What the kernel path does with the module call's return value once it returns (the syscall's tail). */
    private java.util.function.LongUnaryOperator continuation;
    /** The result of a syscall that completed after the task was woken, or Long.MIN_VALUE. */
    private long syscallResult = Long.MIN_VALUE;
    /** When the task went to sleep in the kernel (virtual ns), for the hung-task detector. */
    private long sleepStart;
    /** When khungtaskd first saw the task asleep (its last_switch_time), or -1. */
    private long hungObservedAt = -1;
    /** When the current stretch of running began (virtual ns). */
    private long runStart;
    /** What a kernel thread does whenever it gets the CPU with no call in progress (null: a user task). */
    private TaskBody body;
    /** The __state the task went to sleep with (TASK_INTERRUPTIBLE...), 0 while running. */
    private int sleepState;
    /** What the native the task blocked in returns once it is woken (evaluated at wake-up). */
    private java.util.function.LongSupplier wakeValue;
    /** Pending signals, one bit per signal number. */
    private long pendingSignals;
    /** Set while a syscall of this task runs on after its user program stopped waiting for it. */
    private boolean abandoned;
    /** The program this task runs in user mode (execve), or null for kplay's Java programs and kthreads. */
    private UserMode userMode;
    /** The task's nice value (static_prio - 120): -20 for workqueue rescuers and highpri kworkers. */
    private int nice;
    /** A kworker's worker->desc: the workqueue it last ran work for (null: none yet, or not a kworker). */
    private String workerDesc;
    /** What the task has used of the CPU; null until it is first queued or runs (most of a boot's kthreads never are). */
    private Accounting acct;

    /** A task's CPU accounting: an idle session's kernel holds dozens of tasks that never run, and pays for none of this. */
    private static final class Accounting {
        /** Context switches the task made by sleeping (nvcsw) and that were forced on it (nivcsw). */
        long nvcsw, nivcsw;
        /**
         * se.sum_exec_runtime (virtual ns on the CPU: its program in user mode, module code in the
         * kernel; kplay's Java commands take no virtual time), sched_info.run_delay (ns runnable but
         * waiting for the CPU) and sched_info.pcount (stints on the CPU), as /proc/PID/schedstat shows.
         */
        long sumExecRuntime, runDelay, pcount;
        /** When the task last became runnable without the CPU (sched_info.last_queued), or -1. */
        long lastQueued = -1;
        /** Instructions run in the kernel (stime) and by its program in user mode (utime). */
        long kernelInstructions, userInstructions;
        /** Virtual ns the task spent in the kernel's busy waits (udelay, mdelay), system time beyond its instructions. */
        long kernelDelayNanos;
        /** The user and system time (ns) of the children this task reaped with wait(), and theirs (signal->cutime, cstime). */
        long childUserNanos, childKernelNanos;
    }

    private static final Accounting NONE = new Accounting();

    /** The accounting to read (all zero for a task that never ran). */
    private Accounting acct() {
        return acct != null ? acct : NONE;
    }

    /** The accounting to add to. */
    private Accounting using() {
        if (acct == null) {
            acct = new Accounting();
        }
        return acct;
    }
    /** The process group and session it belongs to (task_pgrp, task_session): 0 for init_task's, which kthreads keep. */
    private int pgrp, session;
    /** signal->tty: the session's controlling terminal, or null (kthreads, a session that never opened one). */
    private dev.kplay.kernel.tty.TtyStruct tty;
    /** start_boottime: virtual ns since boot when copy_process() made the task. */
    private long startTime;
    /** The kthread's full name (struct kthread's full_name) when its comm had to be cut to 15, else null. */
    private String fullName;
    /** rt_priority of a SCHED_FIFO task (1..99), 0 for SCHED_NORMAL. */
    private int rtPriority;
    /** task->flags (PF_*), as /proc/PID/stat shows them. */
    private int flags;

    public Task(int pid, int ppid, String comm, List<String> argv, KernelStack stack) {
        this.pid = pid;
        this.ppid = ppid;
        this.comm = comm.length() > 15 ? comm.substring(0, 15) : comm;
        this.argv = List.copyOf(argv);
        this.stack = stack;
    }

    public int pid() { return pid; }

    public int ppid() { return ppid; }

    /** forget_original_parent(): the parent exited, the child now belongs to the reaper (init). */
    public void reparent(int reaper) {
        ppid = reaper;
        adopted = true;
    }

    /** Whether init adopted this task (its parent exited first): init reaps it as soon as it exits. */
    public boolean adopted() { return adopted; }

    private boolean adopted;

    /** TASK_COMM_LEN-bounded name. */
    public String comm() { return comm; }

    public List<String> argv() { return argv; }

    /** The kernel frames between schedule() and the caller of the native the task sleeps in, innermost first. */
    private List<String> sleepFrames = List.of();

    public List<String> sleepFrames() { return sleepFrames; }

    /** What a sleeping native adds to the task's call trace (mutex_lock(): __mutex_lock...); empty when it wakes. */
    public void setSleepFrames(List<String> frames) { sleepFrames = List.copyOf(frames); }

    /** execve(): the new program's arguments. */
    public void setArgv(List<String> a) { argv = List.copyOf(a); }

    public State state() { return state; }

    public void setState(State s) { state = s; }

    public int exitStatus() { return exitStatus; }

    public void setExitStatus(int status) { exitStatus = status; }

    public boolean alive() { return exitStatus < 0; }

    public KernelStack stack() { return stack; }

    public List<String> kernelPath() { return kernelPath; }

    /** The open files by descriptor, to read (empty and unmodifiable for a task that never opened one). */
    public SortedMap<Integer, OpenFile> files() { return files != null ? files : NO_FILES; }

    /** The fd table, to change. */
    public SortedMap<Integer, OpenFile> fileTable() {
        if (files == null) {
            files = new TreeMap<>();
        }
        return files;
    }

    /** Installs f at the lowest free descriptor; returns it. */
    public int installFd(OpenFile f) {
        SortedMap<Integer, OpenFile> table = fileTable();
        int fd = 0;
        while (table.containsKey(fd)) {
            fd++;
        }
        table.put(fd, f);
        return fd;
    }

    public int syscallNr() { return syscallNr; }

    public void setSyscallNr(int nr) { syscallNr = nr; }

    public int lastError() { return lastError; }

    public void setLastError(int errno) { lastError = errno; }

    public long runSinceSleep() { return runSinceSleep; }

    /** Module code ran {@code instructions} on the task's kernel stack (counted for the watchdog and as system time). */
    public void addRun(long instructions) {
        runSinceSleep += instructions;
        using().kernelInstructions += instructions;
    }

    /** The task's own program ran {@code instructions} in user mode (user time). */
    public void addUserRun(long instructions) { using().userInstructions += instructions; }

    /** Instructions run in the kernel for this task since it started (its stime, in VM instructions). */
    public long kernelInstructions() { return acct().kernelInstructions; }

    /** Instructions its program ran in user mode (its utime, in VM instructions). */
    public long userInstructions() { return acct().userInstructions; }

    /** A busy wait of {@code nanos} in the kernel on this task's behalf (__udelay()). */
    public void addKernelDelay(long nanos) { using().kernelDelayNanos += nanos; }

    /** User time in virtual ns, at {@code nsPerInsn} a VM instruction. */
    public long userNanos(long nsPerInsn) { return acct().userInstructions * nsPerInsn; }

    /** System time in virtual ns: module code run at {@code nsPerInsn} an instruction, and busy waits. */
    public long kernelNanos(long nsPerInsn) { return acct().kernelInstructions * nsPerInsn + acct().kernelDelayNanos; }

    /** Models wait_task_zombie()'s accounting: the reaped child's times, its own reaped children's included. */
    public void reaped(Task child, long nsPerInsn) {
        Accounting a = using();
        a.childUserNanos += child.userNanos(nsPerInsn) + child.childUserNanos();
        a.childKernelNanos += child.kernelNanos(nsPerInsn) + child.childKernelNanos();
    }

    public long childUserNanos() { return acct().childUserNanos; }

    public long childKernelNanos() { return acct().childKernelNanos; }

    public void slept() { runSinceSleep = 0; }

    public long taskStruct() { return taskStruct; }

    public void setTaskStruct(long addr) { taskStruct = addr; }

    public java.util.function.LongUnaryOperator continuation() { return continuation; }

    public void setContinuation(java.util.function.LongUnaryOperator c) { continuation = c; }

    public long syscallResult() { return syscallResult; }

    public void setSyscallResult(long r) { syscallResult = r; }

    public long sleepStart() { return sleepStart; }

    public void setSleepStart(long t) { sleepStart = t; }

    public long hungObservedAt() { return hungObservedAt; }

    public void setHungObservedAt(long t) { hungObservedAt = t; }

    public long runStart() { return runStart; }

    public void setRunStart(long t) { runStart = t; }

    public TaskBody body() { return body; }

    public void setBody(TaskBody b) { body = b; }

    /** A kernel thread (PF_KTHREAD): no user program, shown by ps as [comm]. */
    public boolean isKthread() { return body != null; }

    public int sleepState() { return sleepState; }

    public void setSleepState(int s) { sleepState = s; }

    public java.util.function.LongSupplier wakeValue() { return wakeValue; }

    public void setWakeValue(java.util.function.LongSupplier v) { wakeValue = v; }

    public long pendingSignals() { return pendingSignals; }

    public void addSignal(int sig) { pendingSignals |= 1L << sig; }

    public void clearSignals() { pendingSignals = 0; groupExitSignal = 0; }

    /** The signal that started a group exit (complete_signal() for a fatal signal), 0 if none. */
    private int groupExitSignal;

    public int groupExitSignal() { return groupExitSignal; }

    public void setGroupExitSignal(int sig) { groupExitSignal = sig; }

    public boolean abandoned() { return abandoned; }

    public void setAbandoned(boolean a) { abandoned = a; }

    public UserMode userMode() { return userMode; }

    public void setUserMode(UserMode u) { userMode = u; }

    public int nice() { return nice; }

    public void setNice(int n) { nice = n; }

    public String workerDesc() { return workerDesc; }

    public void setWorkerDesc(String d) { workerDesc = d; }

    /** Models proc_task_name(): a kworker's comm + "-" + the workqueue it last served, a kthread's full name. */
    public String procName() {
        if ((flags & PF_WQ_WORKER) != 0) {
            return workerDesc == null ? comm : comm + "-" + workerDesc;     // wq_worker_comm()
        }
        return (flags & PF_KTHREAD) != 0 ? kthreadComm() : comm;
    }

    public long nvcsw() { return acct().nvcsw; }

    public long nivcsw() { return acct().nivcsw; }

    /** The task gave up the CPU by sleeping in schedule() (a voluntary switch, __schedule(SM_NONE)). */
    public void countVoluntarySwitch() { using().nvcsw++; }

    /** The task was preempted while runnable (an involuntary switch, __schedule(SM_PREEMPT)). */
    public void countInvoluntarySwitch() { using().nivcsw++; }

    public long sumExecRuntime() { return acct().sumExecRuntime; }

    public long runDelay() { return acct().runDelay; }

    public long pcount() { return acct().pcount; }

    /** Models update_curr()'s accounting: the task ran {@code nanos} more on the CPU. */
    public void addExecRuntime(long nanos) { using().sumExecRuntime += nanos; }

    /** Models sched_info_enqueue(): runnable at {@code now}, waiting for the CPU. */
    public void queued(long now) {
        Accounting a = using();
        if (a.lastQueued < 0) {
            a.lastQueued = now;
        }
    }

    /** Models sched_info_arrive(): the task gets the CPU at {@code now}. */
    public void arrived(long now) {
        Accounting a = using();
        if (a.lastQueued >= 0) {
            a.runDelay += Math.max(0, now - a.lastQueued);
            a.lastQueued = -1;
        }
        a.pcount++;
    }
    public int pgrp() { return pgrp; }

    public int session() { return session; }

    /** change_pid(PIDTYPE_PGID): the task joins process group {@code g}. */
    public void setPgrp(int g) { pgrp = g; }

    /** change_pid(PIDTYPE_SID): the task joins session {@code s}. */
    public void setSession(int s) { session = s; }

    public dev.kplay.kernel.tty.TtyStruct tty() { return tty; }

    public void setTty(dev.kplay.kernel.tty.TtyStruct t) { tty = t; }

    public long startTime() { return startTime; }

    public void setStartTime(long ns) { startTime = ns; }

    /** The signal that stopped the task (do_signal_stop() leaves it in exit_code), 0 if none. */
    private int stopSignal;

    public void setStopSignal(int sig) { stopSignal = sig; }

    /**
     * task->exit_code: the wait status of a task that ended, the stop signal of a stopped one (until
     * SIGCONT; a parent collecting the stop with WUNTRACED, which would clear it, is not modelled), else 0.
     */
    public int exitCode() {
        return !alive() ? exitStatus : state == State.STOPPED ? stopSignal : 0;
    }

    public int rtPriority() { return rtPriority; }

    /** sched_setscheduler(SCHED_FIFO, prio) (migration/N's stopper: 99), or 0 for SCHED_NORMAL. */
    public void setRtPriority(int p) { rtPriority = p; }

    public int flags() { return flags; }

    public void setFlags(int f) { flags = f; }

    public void addFlags(int f) { flags |= f; }

    /** Models get_kthread_comm(): a kthread's full name, else its comm. */
    public String kthreadComm() { return fullName != null ? fullName : comm; }

    /** The name the task was created with, kept whole if comm had to be cut (kthread_create's full_name). */
    public void setFullName(String name) { fullName = name.length() > 15 ? name : null; }

    /** Renames the task (kthread_create's printf-style name, set_task_comm). */
    public void setComm(String c) { comm = c.length() > 15 ? c.substring(0, 15) : c; }
}
