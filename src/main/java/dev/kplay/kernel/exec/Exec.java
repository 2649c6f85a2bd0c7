package dev.kplay.kernel.exec;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.TaskExit;
import dev.kplay.kernel.fs.Inode;
import dev.kplay.kernel.fs.RegularFile;
import dev.kplay.kernel.mm.Layout;
import dev.kplay.kernel.sched.Task;
import dev.kplay.kernel.syscall.Errno;
import dev.kplay.kernel.syscall.StdStreams;
import dev.kplay.kernel.syscall.Syscalls;
import dev.kplay.ko.ExecFile;
import dev.kplay.ko.ModuleImage;
import dev.kplay.vm.Cpu;
import dev.kplay.vm.Exit;
import dev.kplay.vm.KernelStack;
import dev.kplay.vm.Natives;
import dev.kplay.vm.PageFault;
import dev.kplay.vm.Trap;

import java.util.ArrayList;
import java.util.List;

/*
 * User programs: execve (fs/exec.c's do_execve with binfmt_elf), the return to user mode, and
 * what ends a process from user mode (exit_group, a fatal signal from a fault). One per kernel.
 *
 * A process is a task whose program runs in the VM in user mode on a stack in its own address
 * space; the CPU reaches the kernel only through the syscall gate, whose native is the entry
 * (SyscallEntry: do_syscall_64). A call that completes returns to the program at once; one that
 * leaves the task in the kernel (a driver's read that sleeps with nothing to wake it) parks the
 * program: the shell sees the command as still running, and when the kernel finishes the call
 * later (the scheduler's syscallReturned) the program is ready and runs again the next time
 * time passes (runReady).
 */

/** The exec subsystem and the user-mode runner. */
public final class Exec {
    /** Instructions of user code between two looks at the clock. */
    static final long SLICE = 20_000;
    /** entry_SYSCALL_64: the address the syscall gate binds to (what MSR_LSTAR holds). */
    static final long GATE = 0xffffffff82000040L;

    private final Kernel k;
    private final Cpu cpu;
    private final SyscallEntry entry;
    private final List<UserProcess> processes = new ArrayList<>();

    public Exec(Kernel k, java.util.function.IntFunction<String> entryPoints) {
        this.k = k;
        this.entry = new SyscallEntry(k, this, entryPoints);
        this.cpu = new Cpu(new UserBus(k.memory()), new Natives() {
            @Override
            public boolean isNative(long addr) {
                return addr == GATE;
            }

            @Override
            public long call(long addr, long[] args, KernelStack stack) {
                return entry.syscall(current, args, stack);
            }

            @Override
            public String nameOf(long addr) {
                return "entry_SYSCALL_64";
            }
        });
    }

    /** The process whose code is on the CPU. */
    private UserProcess current;

    /**
     * Models do_execve() of {@code path} by task {@code pid}, then runs the program (see
     * Syscalls.execve for the result).
     */
    public long execve(int pid, String path, List<String> argv, List<String> envp, StdStreams std) {
        Task t = k.task(pid);
        if (t == null || !t.alive()) {
            return -Errno.ESRCH;
        }
        runReady();
        Inode inode = k.vfs().lookup(path);
        if (inode == null) {
            return -Errno.ENOENT;
        }
        if (inode.isDir()) {
            return -Errno.EACCES;
        }
        if (!(inode instanceof RegularFile f) || (inode.mode() & 0111) == 0) {
            return -Errno.EACCES;
        }
        byte[] file = f.contents();
        if (!ExecFile.isExecutable(file)) {
            return -Errno.ENOEXEC;
        }
        ModuleImage image;
        try {
            image = ExecFile.decode(file);
        } catch (IllegalArgumentException e) {
            return -Errno.ENOEXEC;
        }
        Binfmt.Loaded l;
        try {
            l = Binfmt.load(k.memory(), image, file, path, argv, envp, GATE, "__kplay_syscall");
        } catch (IllegalArgumentException e) {
            return -Errno.ENOEXEC;
        }
        UserProcess up = new UserProcess(this, t, new UserProcess.Loaded(l.mm(), l.textStart(), l.textEnd()), l.stack(), cpu,
                std, path);
        t.setUserMode(up);
        t.setComm(path.substring(path.lastIndexOf('/') + 1));
        processes.add(up);
        Exit e = cpu.call(up.stack, l.entry(), new long[] {l.argc(), l.argv(), l.envp()});
        if (e != null) {
            userFault(up, e);
            return t.exitStatus();
        }
        return finish(up, up.run(this, k.config().instructionsPerSlice()));
    }

    private long finish(UserProcess up, UserProcess.Stop stop) {
        if (stop == UserProcess.Stop.EXITED || !up.task.alive()) {
            release(up);
            return up.task.exitStatus();
        }
        up.preempted = stop == UserProcess.Stop.PREEMPTED;
        return Syscalls.RUNNING;
    }

    /** Runs the programs whose parked syscall has completed (before a new program starts). */
    public void runReady() {
        runReady(0);
    }

    /**
     * After {@code nanos} of time passed: the programs whose parked syscall completed run, and
     * those still computing get the CPU for that stretch (as many instructions as fit in it).
     */
    public void runReady(long nanos) {
        for (UserProcess up : List.copyOf(processes)) {
            if (up.pendingPoll != null && up.completed != Long.MIN_VALUE) {
                up.pendingPoll = null;                      // a signal ended the wait (EINTR)
                k.pollCancel(up.task.pid());
            }
            if (up.pendingPoll != null && up.task.alive() && up.completed == Long.MIN_VALUE) {
                long v = up.pendingPoll.getAsLong();
                if (v != dev.kplay.kernel.fs.Select.WAITING) {
                    up.pendingPoll = null;
                    up.completed = v;
                }
            }
            if (!up.task.alive()) {
                release(up);
            } else if (up.ready()) {
                up.resume();
                finish(up, up.run(this, k.config().instructionsPerSlice()));
            } else if (up.preempted && nanos > 0) {
                up.preempted = false;
                long fits = Math.min(k.config().instructionsPerSlice(), nanos / Math.max(1, k.config().nanosPerInstruction()));
                finish(up, up.run(this, Math.max(1, fits), false));
            }
        }
    }

    void cancelTimer(Object timer) {
        k.timers().cancel(timer);
    }

    /** The process's code is about to run: its mm is the active one. */
    void enter(UserProcess up) {
        current = up;
        k.memory().switchMm(up.mm());
    }

    /** Instructions ran in user mode: time passes (timers fire on the way). */
    void ran(long instructions) {
        k.timers().advance(instructions * k.config().nanosPerInstruction());
    }

    /** exit_group(status) from the program: do_exit closes its files; the process is a zombie. */
    void exitGroup(UserProcess up, int status) {
        up.stack.block();
        if (up.task.alive()) {
            k.doExit(up.task, (status & 0xff) << 8);
        }
        release(up);
    }

    /** A fatal signal's default action: the process dies of it (wait status = the signal). */
    void killed(UserProcess up, int sig) {
        up.stack.block();
        if (up.task.alive()) {
            k.doExit(up.task, sig, TaskExit.EXIT_ON_SIGNAL);
        }
        release(up);
    }

    /** A fault or trap in user mode: the report 6.1 logs, then the signal kills the process. */
    void userFault(UserProcess up, Exit e) {
        long sp = up.stack.sp();
        if (e instanceof Exit.Faulted f) {
            PageFault pf = f.fault();
            int error = 4 | (pf.access() == PageFault.Access.WRITE ? 2 : 0) | (pf.access() == PageFault.Access.FETCH ? 0x10 : 0)
                    | (Layout.isUser(pf.address()) ? 0 : 1);
            Segv.segfault(k, up, pf.address(), f.rip(), sp, error);
            killed(up, 11);
        } else if (e instanceof Exit.StackOverflow so) {
            Segv.segfault(k, up, so.address(), so.rip(), so.address(), 6);
            killed(up, 11);
        } else if (e instanceof Exit.Trapped tr) {
            boolean divide = tr.trap().kind() == Trap.Kind.DIVIDE_ERROR;
            Segv.trap(k, up, divide ? "divide error" : "invalid opcode", tr.rip(), sp);
            killed(up, divide ? 8 : 4);
        } else {
            killed(up, 9);
        }
    }

    /** The process is gone: its mm and pages go (exit_mmap). */
    private void release(UserProcess up) {
        if (up.pendingPoll != null) {
            up.pendingPoll = null;
            k.pollCancel(up.task.pid());
        }
        if (processes.remove(up)) {
            if (up.sleepTimer != null) {
                k.timers().cancel(up.sleepTimer);
            }
            if (up.ttyRead != null) {
                up.std.cancelInput();
            }
            k.memory().dropMm(up.mm());
            if (current == up) {
                current = null;
            }
        }
    }
}
