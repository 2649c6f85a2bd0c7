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
 *
 * A program that computes without making a syscall is runnable in user mode (R) and gets the CPU
 * whenever no kernel task wants it: while time passes (a sleep in the foreground, idle time, a
 * syscall of another task waiting in the kernel), the scheduler's idle loop hands it the stretch
 * (UserTime.run), and its instructions move the clock as they run, so its timers, its CPU time and
 * what it reads from clock_gettime() all fall at the instant they would. This is CFS on one CPU
 * (kernel/sched/fair.c) for the cases kplay has, with Debian's settings: sched_latency 6 ms,
 * min_granularity 0.75 ms, wakeup_granularity 1 ms (scaled by 1 + ilog2(1 CPU) = 1), HZ=250.
 * - One runnable program has the CPU to itself: check_preempt_tick() never preempts the only task.
 * - Several: each one's ideal slice (6 ms / n) is shorter than a tick (4 ms) once n > 1, so the
 *   tick preempts the running one at every tick (its delta_exec has passed the slice and
 *   min_granularity) and the next runs: they take turns a tick each, in order, an involuntary
 *   switch (nivcsw) each time.
 * - A task that wakes while a program runs (a kthread its timer woke, the shell's sleep ending, the
 *   watchdog's stopper every 4 s) preempts it: place_entity() puts the sleeper half a latency
 *   (3 ms) behind min_vruntime, more than wakeup_granularity ahead of the program, so
 *   check_preempt_wakeup() reschedules at once, and returning to user mode the program switches
 *   out involuntarily. Kernel code of the woken task runs first, the program then goes on.
 * - A background start (./spin &) only runs the program until it blocks, ends or has had one
 *   tick: the shell goes on with the next command (fork() puts the child behind the parent,
 *   START_DEBIT), and the program gets the rest of its CPU as time passes.
 * Linux has no counterpart for one bound kplay adds: the programs' instructions in one request (one
 * command, one stretch of idle time) are at most KernelConfig.instructionsPerSlice; past it the
 * programs stay runnable and get no CPU until the next request (as a cgroup's cpu.max throttles a
 * group), so a background spin cannot make a request's work unbounded.
 */

/** The exec subsystem and the user-mode runner. */
public final class Exec implements dev.kplay.kernel.sched.Scheduler.UserTime {
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
    /** The runnable program that had the CPU last while time passed (a wake-up preempts it), or null. */
    private UserProcess onCpu;
    /** Instructions the runnable programs may still run in this request (see the class comment). */
    private long fillLeft;
    /** Set while runnable programs fill passing time: a kernel task that wakes then preempts them. */
    private boolean filling;

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
        t.arrived(k.now());
        Exit e = cpu.call(up.stack, l.entry(), new long[] {l.argc(), l.argv(), l.envp()});
        if (e != null) {
            userFault(up, e);
            return t.exitStatus();
        }
        if (std.background()) {
            // the shell goes on at once: the program has the CPU until it blocks, ends, or the tick
            long tick = k.clock().jiffyStart(k.clock().jiffies() + 1) - k.now();
            return finish(up, up.run(this, Math.max(1, tick / Math.max(1, k.config().nanosPerInstruction()))));
        }
        return finish(up, up.run(this, k.config().instructionsPerSlice()));
    }

    private long finish(UserProcess up, UserProcess.Stop stop) {
        if (stop == UserProcess.Stop.EXITED || !up.task.alive()) {
            release(up);
            return up.task.exitStatus();
        }
        up.preempted = stop == UserProcess.Stop.PREEMPTED;
        if (up.preempted) {
            up.task.queued(k.now());
        }
        return Syscalls.RUNNING;
    }

    /** Runs the programs whose parked syscall has completed (before a new program starts). */
    public void runReady() {
        runReady(0);
    }

    /** After {@code nanos} of time passed: the programs whose parked syscall completed run. */
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
                up.task.arrived(k.now());                                // in the background: until the tick, then as time passes
                finish(up, up.run(this, up.std.background() ? toTick() : k.config().instructionsPerSlice()));
            }
        }
    }

    // ---- CPU time for runnable programs (see the class comment) -------------------------------

    /** A new request: the runnable programs' instructions are counted afresh. */
    public void beginRequest() {
        fillLeft = k.config().instructionsPerSlice();
    }

    /** The runnable programs in turn order (the run queue's user-mode part). */
    private List<UserProcess> runQueue() {
        List<UserProcess> r = new ArrayList<>();
        for (UserProcess up : processes) {
            if (up.preempted && up.task.alive() && !up.stack.isBlocked()) {
                r.add(up);
            }
        }
        return r;
    }

    @Override
    public boolean runnable() {
        for (UserProcess up : processes) {
            if (up.preempted && up.task.alive() && !up.stack.isBlocked()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The CPU is free until {@code until}: the runnable programs have it in turn, each to the end
     * of the tick when there are several, until then, until a kernel task wakes (it preempts the
     * program), or until the request's instructions are used. False if no instruction could run.
     */
    @Override
    public boolean run(long until) {
        List<UserProcess> queue = runQueue();
        long npi = Math.max(1, k.config().nanosPerInstruction());
        long now = k.now();
        if (queue.isEmpty() || fillLeft <= 0 || until - now < npi) {
            return false;
        }
        UserProcess up = queue.get(0);
        long room = (until - now) / npi;
        long tickEnd = Long.MAX_VALUE;
        if (queue.size() > 1) {
            tickEnd = k.clock().jiffyStart(k.clock().jiffies() + 1);
            room = Math.min(room, toTick());
        }
        UserProcess.Stop stop = slice(up, room);
        if (stop == UserProcess.Stop.PREEMPTED && !k.scheduler().idle()) {
            preempt(null);                          // a kernel task woke: it runs first
        } else if (stop == UserProcess.Stop.PREEMPTED && k.now() >= tickEnd && processes.remove(up)) {
            processes.add(up);                      // the tick ended its slice: the next one's turn, it queues behind
        }
        return true;
    }

    /** Instructions from now to the next tick (at least one). */
    private long toTick() {
        long npi = Math.max(1, k.config().nanosPerInstruction());
        return Math.max(1, (k.clock().jiffyStart(k.clock().jiffies() + 1) - k.now() + npi - 1) / npi);
    }

    /** Runs runnable program up for at most {@code room} instructions (and the request's bound) as it fills passing time. */
    private UserProcess.Stop slice(UserProcess up, long room) {
        if (onCpu != up) {
            up.task.arrived(k.now());
        }
        preempt(up);
        onCpu = up;
        up.preempted = false;
        long before = up.stack.instructions();
        long from = k.now();
        filling = true;
        UserProcess.Stop stop;
        try {
            stop = up.run(this, Math.max(1, Math.min(room, fillLeft)));
        } finally {
            filling = false;
        }
        fillLeft -= up.stack.instructions() - before;
        long samples = dev.kplay.kernel.sched.Watchdog.samplesIn(from, k.now());
        for (long i = 0; i < samples && up.task.alive(); i++) {
            up.task.countInvoluntarySwitch();       // the stopper (migration/0) ran softlockup_fn()
        }
        finish(up, stop);
        if (stop != UserProcess.Stop.PREEMPTED) {
            onCpu = null;                           // it slept or ended: a voluntary switch, or none
        }
        return stop;
    }

    /**
     * A tick while {@code fg}, a program run by its command (not filling passing time), has the
     * CPU: with other programs runnable, its slice is over (check_preempt_tick()); each of them
     * runs to the next tick in turn, then it goes on. They share the CPU a tick each, as CFS does.
     */
    void tick(UserProcess fg) {
        if (filling) {
            return;
        }
        List<UserProcess> others = runQueue();
        others.remove(fg);
        if (others.isEmpty() || fillLeft <= 0) {
            return;
        }
        fg.task.countInvoluntarySwitch();
        fg.task.queued(k.now());
        for (UserProcess o : others) {
            if (fillLeft <= 0 || !fg.task.alive()) {
                break;
            }
            UserProcess.Stop stop = slice(o, toTick());
            if (stop == UserProcess.Stop.PREEMPTED && processes.remove(o)) {
                processes.add(o);
            }
        }
        preempt(null);                              // fg takes the CPU back from the last of them
        fg.task.arrived(k.now());
        enter(fg);
    }

    /**
     * Between two slices of {@code fg}, a program run by its command: kernel tasks that woke meanwhile
     * preempt it (check_preempt_wakeup()) and run first, a tick's worth each at most, then it goes on.
     */
    void kernelPreempts(UserProcess fg) {
        if (filling || k.scheduler().idle()) {
            return;
        }
        long now = k.now();
        if (k.scheduler().runWoken(toTick())) {
            fg.task.countInvoluntarySwitch();
            fg.task.queued(now);
            fg.task.arrived(k.now());
            enter(fg);
        }
    }

    /** Whether programs are filling passing time right now (a foreground program's run is not). */
    boolean filling() {
        return filling;
    }

    /** The jiffies counter (a program's run notices each tick). */
    long jiffies() {
        return k.clock().jiffies();
    }

    /** Another task takes the CPU from the program that had it: that one switches out involuntarily. */
    private void preempt(UserProcess next) {
        if (onCpu != null && onCpu != next && onCpu.task.alive() && onCpu.preempted) {
            onCpu.task.countInvoluntarySwitch();
        }
        onCpu = null;
    }

    /**
     * A task woke while a program held the CPU (the shell's sleep ended, a foreground program's
     * nanosleep returned): check_preempt_wakeup() preempts the program.
     */
    public void wakeupPreempt() {
        preempt(null);
    }

    /** Whether the running program must give the CPU back now: it fills passing time and a kernel task woke. */
    boolean kernelWoke() {
        return filling && !k.scheduler().idle();
    }

    void cancelTimer(Object timer) {
        k.timers().cancel(timer);
    }

    /** The process's code is about to run: its mm is the active one. */
    void enter(UserProcess up) {
        current = up;
        k.memory().switchMm(up.mm());
    }

    /** t's program ran instructions in user mode: its CPU time grows, time passes (timers fire on the way). */
    void ran(Task t, long instructions) {
        t.addExecRuntime(instructions * k.config().nanosPerInstruction());
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
