package dev.kplay.kernel.fs;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.mm.MmStruct;
import dev.kplay.kernel.sched.Task;

/*
 * fs/proc/array.c: /proc/PID/status, /proc/PID/stat and /proc/PID/statm, generated from the task
 * when read. stat is the one line of 52 fields ps reads, in do_task_stat()'s order and format.
 *
 * What kplay models feeds the fields: the state, the parent, the process group, session and
 * controlling tty (kernel/sys.c, tty_jobctrl.c), task->flags, nice and the SCHED_FIFO priority,
 * the start time, the CPU time (the VM instructions the task ran, in module code and the kernel's
 * busy waits as system time and in its own program as user time; its reaped children's in cutime
 * and cstime), pending signals, and the mm of a program the task exec'd
 * (kernel/exec): its size, resident pages and layout. What kplay does not model shows as the kernel
 * shows a task without it, and is named here: page faults (min_flt...), blocked, ignored and caught signals beyond a kernel thread's and a program's own
 * handlers, and the memory of the shell's built-in programs (bash, cat, ps...), which run as Java
 * stand-ins with no mm, so their size fields are 0 and ps shows them with VSZ 0.
 */

/** proc_pid_status(), do_task_stat() and proc_pid_statm(). */
final class ProcArray {
    /** USER_HZ: the clock ticks /proc counts times in. */
    static final long USER_HZ = 100;
    /** RLIM_INFINITY, the RLIMIT_RSS every task has. */
    static final String RLIM_INFINITY = "18446744073709551615";
    static final int SIGCHLD = 17;

    private ProcArray() {}

    /**
     * Models proc_pid_status() for the lines kplay keeps: the name (proc_task_name(), a kworker's with
     * its workqueue), state and ids, the thread count, the pending-signal masks and the context
     * switches (task_context_switch_counts()). The memory, capability and cpuset lines are not modelled.
     */
    static String status(Task t) {
        return "Name:\t" + t.procName() + "\nUmask:\t0022\nState:\t" + t.state().status
                + "\nTgid:\t" + t.pid() + "\nNgid:\t0\nPid:\t" + t.pid() + "\nPPid:\t" + t.ppid()
                + "\nTracerPid:\t0\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nThreads:\t1"
                + String.format("%nSigPnd:\t%016x%nShdPnd:\t%016x", 0L, signalMask(t.pendingSignals()))
                + "\nvoluntary_ctxt_switches:\t" + t.nvcsw() + "\nnonvoluntary_ctxt_switches:\t" + t.nivcsw() + "\n";
    }

    /** A sigset_t as render_sigset_t() prints it: bit N-1 for signal N. */
    static long signalMask(long pendingBits) {
        return pendingBits >>> 1;
    }

    /** The process's mm: a program it exec'd has one; kthreads, the dead and kplay's built-in programs none. */
    static MmStruct mm(Task t) {
        if (!t.alive() || t.state() == Task.State.DEAD || t.userMode() == null) {
            return null;
        }
        return t.userMode().mm();
    }

    /** Models nsec_to_clock_t(). */
    static long clockT(long nanos) {
        return nanos / (1_000_000_000L / USER_HZ);
    }

    /** Models do_task_stat() for one task (whole = 0: a task of one thread is its thread group). */
    static String stat(Kernel k, Task t) {
        MmStruct mm = mm(t);
        long nsPerInsn = k.config().nanosPerInstruction();
        boolean rt = t.rtPriority() > 0;
        var tty = t.tty();
        long catching = 0;
        for (int sig = 1; t.userMode() != null && sig < 32; sig++) {
            catching |= t.userMode().catches(sig) ? 1L << (sig - 1) : 0;
        }
        StringBuilder b = new StringBuilder();
        b.append(t.pid()).append(" (").append(t.procName()).append(") ").append(t.state().letter);
        put(b, t.ppid(), t.pgrp(), t.session(), tty == null ? 0 : tty.ttyNr(), tty == null ? -1 : tty.pgrp());
        b.append(' ').append(Integer.toUnsignedString(t.flags()));
        put(b, 0, 0, 0, 0);                                                   // min_flt, cmin_flt, maj_flt, cmaj_flt
        put(b, clockT(t.userNanos(nsPerInsn)), clockT(t.kernelNanos(nsPerInsn)), clockT(t.childUserNanos()),
                clockT(t.childKernelNanos()));
        put(b, rt ? -1 - t.rtPriority() : 20 + t.nice(), rt ? 0 : t.nice(), 1, 0, clockT(t.startTime()));
        put(b, mm == null ? 0 : mm.totalVm(), mm == null ? 0 : mm.residentIn(0, -1));
        b.append(' ').append(RLIM_INFINITY);
        put(b, mm == null ? 0 : mm.startCode(), mm == null ? 0 : mm.endCode(), mm == null ? 0 : mm.startStack());
        put(b, 0, 0);                                                         // kstkesp, kstkeip
        put(b, signalMask(t.pendingSignals()) & 0x7fffffffL, 0,               // signal, blocked
                t.isKthread() ? 0x7fffffffL : 0, catching & 0x7fffffffL);   // kthreadd's ignore_signals()
        put(b, t.state() == Task.State.RUNNING ? 0 : 1, 0, 0);               // wchan: !task_is_running()
        put(b, t.pid() == 2 ? 0 : SIGCHLD, 0, t.rtPriority(), rt ? 1 : 0, 0, 0, 0);
        if (mm != null) {
            put(b, mm.startData(), mm.endData(), mm.startBrk(), mm.argStart(), mm.argEnd(), mm.envStart(), mm.envEnd());
        } else {
            b.append(" 0 0 0 0 0 0 0");
        }
        put(b, t.exitCode());
        return b.append('\n').toString();
    }

    /** Models proc_pid_statm(): size resident shared text lib data dt, in pages (task_statm()). */
    static String statm(Task t) {
        MmStruct mm = mm(t);
        if (mm == null) {
            return "0 0 0 0 0 0 0\n";
        }
        long shared = 0, data = 0;
        for (MmStruct.Vma v : mm.vmas()) {
            if (v.file() != null) {
                shared += mm.residentIn(v.start(), v.end());
            }
            if ("[stack]".equals(v.name()) || "rw-p".equals(v.name())) {
                data += (v.end() - v.start()) >>> 12;                         // data_vm + stack_vm
            }
        }
        long text = (((mm.endCode() + 4095) & ~4095L) - (mm.startCode() & ~4095L)) >>> 12;
        return (mm.totalVm() >>> 12) + " " + mm.residentIn(0, -1) + " " + shared + " " + text + " 0 " + data + " 0\n";
    }

    private static void put(StringBuilder b, long... values) {
        for (long v : values) {
            b.append(' ').append(v);
        }
    }
}
