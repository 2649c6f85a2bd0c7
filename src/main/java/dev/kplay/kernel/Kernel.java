package dev.kplay.kernel;

import dev.kplay.kernel.exports.Builtins;
import dev.kplay.kernel.exports.ExportTable;
import dev.kplay.kernel.fs.Vfs;
import dev.kplay.kernel.mm.AddressSpace;
import dev.kplay.kernel.mm.PageBudget;
import dev.kplay.kernel.mm.Slab;
import dev.kplay.kernel.module.Module;
import dev.kplay.kernel.module.ModuleLoader;
import dev.kplay.kernel.panic.Oops;
import dev.kplay.kernel.panic.Panic;
import dev.kplay.kernel.panic.Taint;
import dev.kplay.kernel.printk.BootLog;
import dev.kplay.kernel.printk.LogRing;
import dev.kplay.kernel.printk.Printk;
import dev.kplay.kernel.sched.Kthreads;
import dev.kplay.kernel.sched.Scheduler;
import dev.kplay.kernel.sched.Softirq;
import dev.kplay.kernel.sched.Task;
import dev.kplay.kernel.sched.TaskStruct;
import dev.kplay.kernel.sched.Wait;
import dev.kplay.kernel.sched.Watchdog;
import dev.kplay.kernel.syscall.SyscallTable;
import dev.kplay.kernel.syscall.SyscallTbl;
import dev.kplay.kernel.syscall.Syscalls;
import dev.kplay.kernel.time.Clock;
import dev.kplay.kernel.time.Timers;
import dev.kplay.kernel.workqueue.Workqueues;
import dev.kplay.vm.Cpu;
import dev.kplay.vm.Exit;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.LongUnaryOperator;

/*
 * One simulated Linux 6.1 kernel: the object graph a session owns (no Spring, no statics, no
 * threads). boot() brings the subsystems up in the order start_kernel() does, one line each, like
 * xv6's main(). User space reaches the kernel only through Syscalls (implemented by the
 * SyscallTable this class delegates to); everything else here is the kernel's own plumbing: the
 * task table and the handles subsystems are reached by. Running module code, sleeping and waking
 * are the scheduler's (kernel/sched/Scheduler); time and timers are kernel/time's. Tasks are made
 * in Fork (kernel/fork.c) and end in TaskExit (kernel/exit.c); a call from kernel code through a
 * function pointer into a module is IndirectCall's. The public methods for those stay here as
 * one-line entries, so callers hold one handle, as C code calls do_exit() by name.
 */

/** A booted kernel; user space reaches it only through {@link Syscalls}. */
public final class Kernel implements Syscalls {
    /** Virtual time the CPU spends per instruction. */
    private final KernelConfig config;
    private final Clock clock = new Clock();
    private final LogRing log;
    private final Printk printk;
    private final Taint taint = new Taint();
    private final AddressSpace memory;
    private final Slab slab;
    private final ExportTable exports;
    private final Cpu cpu;
    /** callModule(): kernel code calling a function pointer into module code. */
    private final IndirectCall indirectCall;
    private final dev.kplay.kernel.mm.SlabCaches slabCaches;
    private final dev.kplay.kernel.mm.Vmalloc vmalloc;
    private final dev.kplay.kernel.mm.PerCpu perCpu;
    private final dev.kplay.kernel.base.PlatformBus platformBus;
    private final Vfs vfs = new Vfs();
    private final TreeMap<Integer, Task> tasks = new TreeMap<>();
    /** Loaded modules, most recent first (the order of the kernel's modules list). */
    private final List<Module> modules = new ArrayList<>();
    private final ModuleLoader loader;
    private final Oops oops;
    private final Panic panic;
    /** copy_process(), alloc_pid(), kthreads (kernel/fork.c). */
    private final Fork fork = new Fork(this);
    /** do_exit() and make_task_dead() (kernel/exit.c). */
    private final TaskExit taskExit = new TaskExit(this);
    private final dev.kplay.kernel.fs.Devices devices = new dev.kplay.kernel.fs.Devices(this);
    private final SyscallTable sys;
    /** The kernel that booted: its identity, syscall table and built-in code (stock, or built from ~/linux). */
    private KernelImage image = KernelImage.stock();
    private dev.kplay.kernel.syscall.BuiltinCode builtin;
    private final Timers timers;
    private final Watchdog watchdog;
    /** The parameters this kernel was booted with (the command line after "console=ttyS0 panic=1"). */
    private BootParams bootParams = BootParams.NONE;
    private final Scheduler scheduler;
    private final Softirq softirq;
    private final Wait waits;
    private final Kthreads kthreads;
    private final Workqueues workqueues;
    /** User programs: execve and the return to user mode (kernel/exec). */
    private final dev.kplay.kernel.exec.Exec exec;

    private Kernel(KernelConfig config, PageBudget budget) {
        this.config = config;
        this.log = new LogRing(config.logBufferBytes());
        this.printk = new Printk(log, clock);
        this.memory = new AddressSpace(budget);
        this.slab = new Slab(memory, config.memoryBytes(), budget);
        this.slabCaches = new dev.kplay.kernel.mm.SlabCaches(slab, memory);
        this.vmalloc = new dev.kplay.kernel.mm.Vmalloc(memory, slab);
        this.perCpu = new dev.kplay.kernel.mm.PerCpu(memory);
        this.platformBus = new dev.kplay.kernel.base.PlatformBus(this);
        this.exports = new ExportTable(memory);
        this.cpu = new Cpu(memory, exports);
        this.indirectCall = new IndirectCall(this, cpu);
        this.loader = new ModuleLoader(this);
        this.oops = new Oops(this);
        this.panic = new Panic(printk, taint, oops);
        this.sys = new SyscallTable(this);
        this.timers = new Timers(clock, memory);
        panic.onPanic(timers::halt);
        this.watchdog = new Watchdog(timers, (t, secs) -> oops.softLockup(t, secs), (t, secs) -> oops.hungTask(t, secs),
                () -> tasks.values());
        printk.setConsoleWrite(watchdog::touch);    // console=ttyS0: serial8250_console_write() touches the watchdog
        this.scheduler = new Scheduler(cpu, memory, timers, config, watchdog, newTask(0, 0, "swapper/0", List.of()));
        this.softirq = new Softirq(scheduler, timers, memory, newTask(0, 0, "swapper/0", List.of()));
        timers.setInterrupts(softirq);
        this.waits = new Wait(scheduler, memory, () -> tasks.values());
        this.kthreads = new Kthreads(scheduler, name -> fork.spawnKthread(name, allocPid()), t -> {
            doExit(t, 0);
            tasks.remove(t.pid());
        });
        this.workqueues = new Workqueues(scheduler, timers, memory, size -> slab.kmalloc(size), (name, body) -> {
            Task t = fork.adoptBootThread(name);
            if (t != null) {
                t.addFlags(Task.WQ_WORKER_FLAGS);   // worker_thread() / rescuer_thread(): PF_WQ_WORKER
                t.setBody(body);
                scheduler.sleepIdle(t, Scheduler.TASK_IDLE);
            }
            return t;
        });
        workqueues.setReaper(t -> {
            doExit(t, 0);
            tasks.remove(t.pid());
        });
        scheduler.setHost(new Scheduler.Host() {
            @Override public void die(Task t, Exit exit) {
                oops.die(t, exit);
                taskExit.oopsed(t);
            }

            @Override public void dieInInterrupt(Task interrupted, Task irq, Exit exit) {
                oops.dieInInterrupt(interrupted, irq, exit);
            }

            @Override public long kernelSymbol(String name) { return exports.address(name); }

            @Override public void exit(Task t, int status) { taskExit.exit(t, status); }
            @Override public void schedulingWhileAtomic(Task t, int count) { oops.schedulingWhileAtomic(t, count); }
            @Override public void switchedTo(Task t) { setCurrentTask(t); }
        });
        this.exec = new dev.kplay.kernel.exec.Exec(this, nr -> image.syscalls().entryPoint(nr));
        scheduler.setUserTime(exec);
    }

    /** Models start_kernel(): brings every subsystem up in order and starts init (pid 1). */
    public static Kernel boot(KernelConfig config) {
        return boot(config, PageBudget.unlimited());
    }

    /** Boots as {@link #boot(KernelConfig)}, with kernel memory drawn from the server's {@code budget}. */
    public static Kernel boot(KernelConfig config, PageBudget budget) {
        return boot(config, budget, KernelImage.stock());
    }

    /** Boots with {@code params} appended to the kernel command line. */
    public static Kernel boot(KernelConfig config, PageBudget budget, BootParams params) {
        return boot(config, budget, KernelImage.stock(), params);
    }

    /** Boots {@code image}: the stock kernel, or one built from the session's ~/linux. */
    public static Kernel boot(KernelConfig config, PageBudget budget, KernelImage image) {
        return boot(config, budget, image, BootParams.NONE);
    }

    /** Boots {@code image} with {@code params} appended to the kernel command line. */
    public static Kernel boot(KernelConfig config, PageBudget budget, KernelImage image, BootParams params) {
        Kernel k = new Kernel(config, budget);
        k.image = image;
        k.bootParams = params;
        BootLog.print(k.printk, k.clock, image.banner(), params.commandLine()); // setup_arch() .. the console, as a real boot logs them
        new Builtins(k).register();                 // the exported symbol table (EXPORT_SYMBOL)
        k.builtin = image.builtin() == null ? dev.kplay.kernel.syscall.BuiltinCode.none(k)
                : dev.kplay.kernel.syscall.BuiltinCode.link(k, image.builtin());   // vmlinux's code from ~/linux
        k.vfs.mkdirs("/root");                      // rootfs: the user's home
        k.vfs.mkdirs("/tmp");
        k.vfs.mkdirs("/run");
        k.vfs.mkdirs("/lib/modules/" + image.release());   // where depmod and modprobe look (no in-tree modules)
        dev.kplay.kernel.fs.ProcFs.mount(k);        // proc_root_init()
        dev.kplay.kernel.fs.SysFs.mount(k);         // sysfs + /sys/module
        k.platformBus.mount(k.vfs.mkdirs("/sys"));  // platform_bus_init(): /sys/bus/platform
        dev.kplay.kernel.fs.DevFs.mount(k);         // devtmpfs: null, zero, kmsg
        if (params.hungTaskTimeoutSecs() >= 0) {    // do_sysctl_args(): sysctl.* from the command line
            k.watchdog.setBootHungTimeoutSecs(params.hungTaskTimeoutSecs());
        }
        BootLog.printInit(k.printk, k.clock);       // kernel_init(): "Run /init as init process"
        Task init = k.newTask(1, 0, "init", List.of("/init"));
        init.setFlags(Task.PF_RANDOMIZE | Task.PF_SUPERPRIV);  // /init mounted /proc, /sys and /dev as root
        init.setState(Task.State.SLEEPING);         // in do_wait() for its children from here on
        k.tasks.put(1, init);
        k.fork.startBootThreads();                  // kthreadd and what rest_init() and the initcalls started
        k.watchdog.start();                         // lockup_detector_init(), khungtaskd
        k.exports.share();                          // the symbols go over to the copy every kernel of this layout shares
        k.memory.freezeBootPages();                 // so do the pages the boot wrote, until written again
        return k;
    }

    public KernelConfig config() { return config; }

    /** The parameters appended to this kernel's command line. */
    public BootParams bootParams() { return bootParams; }

    /** The machine is switched off: its memory goes back to the server's budget. */
    public void release() {
        slab.release();
        memory.release();
    }

    public LogRing log() { return log; }

    public Printk printk() { return printk; }

    public Clock clock() { return clock; }

    public Taint taint() { return taint; }

    public AddressSpace memory() { return memory; }

    public Slab slab() { return slab; }

    public ExportTable exports() { return exports; }

    /** The slab caches modules created (kmem_cache_create). */
    public dev.kplay.kernel.mm.SlabCaches slabCaches() { return slabCaches; }

    public dev.kplay.kernel.mm.Vmalloc vmalloc() { return vmalloc; }

    public dev.kplay.kernel.mm.PerCpu perCpu() { return perCpu; }

    /** The platform bus: virtual devices and their drivers. */
    public dev.kplay.kernel.base.PlatformBus platformBus() { return platformBus; }

    public Vfs vfs() { return vfs; }

    public ModuleLoader loader() { return loader; }

    /** Device registries (misc devices, char devices). */
    public dev.kplay.kernel.fs.Devices devices() { return devices; }

    public Timers timers() { return timers; }

    public Scheduler scheduler() { return scheduler; }

    public Watchdog watchdog() { return watchdog; }

    public Softirq softirq() { return softirq; }

    public Wait waits() { return waits; }

    public Kthreads kthreads() { return kthreads; }

    public Workqueues workqueues() { return workqueues; }

    /** The booted kernel's syscall table: number to entry point (sys_call_table / x64_sys_call). */
    public SyscallTbl syscallTbl() { return image.syscalls(); }

    /** The kernel image that booted (uname, the banner, the table). */
    public KernelImage image() { return image; }

    /** The booted kernel's built-in code from ~/linux: {@code builtin().call(pid, "sys_hello", args)}. */
    public dev.kplay.kernel.syscall.BuiltinCode builtin() { return builtin; }

    /** Loaded modules, newest first. */
    public List<Module> modules() { return modules; }

    /** The module with this name (in any state), or null. */
    public Module findModule(String name) {
        for (Module m : modules) {
            if (m.name().equals(name)) {
                return m;
            }
        }
        return null;
    }

    /** The module whose struct module (THIS_MODULE) is at addr, or null. */
    public Module moduleByStruct(long addr) {
        for (Module m : modules) {
            if (m.thisModule() == addr && addr != 0) {
                return m;
            }
        }
        return null;
    }

    public TreeMap<Integer, Task> tasks() { return tasks; }

    public Task task(int pid) { return tasks.get(pid); }

    /** The task on the CPU right now (the kernel's current), or null when the CPU is idle. */
    public Task current() {
        Task t = scheduler.current();
        return t == scheduler.idleTask() ? null : t;
    }

    public KernelSnapshot snapshot() {
        List<KernelSnapshot.ModuleInfo> ms = new ArrayList<>();
        for (Module m : modules) {
            ms.add(new KernelSnapshot.ModuleInfo(m.name(), m.coreSize(), m.refcnt(), m.state().procWord));
        }
        List<KernelSnapshot.TaskInfo> ts = new ArrayList<>();
        for (Task t : tasks.values()) {
            ts.add(new KernelSnapshot.TaskInfo(t.pid(), t.ppid(), t.comm(), t.state().letter));
        }
        return new KernelSnapshot(clock.now(), taint.mask(), taint.letters(), List.copyOf(ms), List.copyOf(ts),
                panic.message());
    }

    /** Virtual nanoseconds since boot. */
    public long now() { return clock.now(); }

    /** How a syscall's wait for a timer takes wall time too (the session's command clock; default: none). */
    public void setPacer(java.util.function.LongConsumer pacer) {
        scheduler.setPacer(pacer);
    }

    /** Whether no kernel task is runnable (see also {@link #idleStretchesAdd}). */
    public boolean idle() {
        return scheduler.idle();
    }

    /**
     * Whether two stretches of idle time that add up to {@code nanos} do what one stretch of that
     * length does: nothing runnable, or only programs whose instructions in one stretch stay under
     * a request's bound (then neither the parts nor the whole are cut short by it).
     */
    public boolean idleStretchesAdd(long nanos) {
        return scheduler.idle() && (!exec.runnable()
                || nanos / Math.max(1, config.nanosPerInstruction()) < config.instructionsPerSlice());
    }

    /** A request starts (a command, a stretch of idle time): user programs' instructions are counted afresh. */
    public void beginRequest() {
        exec.beginRequest();
    }

    /** A task woke while a user program had the CPU: the program is preempted (see Exec.wakeupPreempt). */
    public void wakeupPreempt() {
        exec.wakeupPreempt();
    }

    /** Idle time passes: runnable tasks run, timers fire, the watchdogs look (see Scheduler). */
    public void advanceTime(long nanos) {
        if (panic.panicked()) {
            return;   // a dead kernel: no task runs, no timer fires, time stands still
        }
        scheduler.advanceTime(nanos);
        exec.runReady(nanos);
    }

    // ---- tasks -------------------------------------------------------------------------------

    /** Models copy_process(): a task with a fresh kernel stack (see {@link Fork}). */
    public Task newTask(int pid, int ppid, String comm, List<String> argv) { return fork.newTask(pid, ppid, comm, argv); }

    /** Models alloc_pid(): the next pid. */
    public int allocPid() { return fork.allocPid(); }

    /** Models do_exit() from exit_group(2) (or a signal: see {@link #doExit(Task, int, List)}). */
    public void doExit(Task t, int status) {
        doExit(t, status, TaskExit.EXIT_GROUP);
    }

    /**
     * Models do_exit() reached by {@code path} (a {@link TaskExit} constant): files closed, children
     * to init, a zombie left; or dead (X) for good if closing a file oopses (see {@link TaskExit}).
     */
    public void doExit(Task t, int status, List<String> path) { taskExit.doExit(t, status, path); }

    // ---- running module code ------------------------------------------------------------------

    /**
     * Calls the module function at fn with args on task t, as kernel code calling a function pointer
     * does; {@code path} lists the kernel functions the call came through (innermost first, for the
     * call trace). When the function returns, {@code then} maps its return value to the syscall's
     * result. Returns that result, or {@link Syscalls#DIED} if the task died (oops), or
     * {@link Syscalls#RUNNING} if it is still in the kernel (asleep, or still running).
     */
    public long runTask(Task t, long fn, long[] args, List<String> path, LongUnaryOperator then) {
        return scheduler.runTask(t, fn, args, path, then, DIED, RUNNING);
    }

    /**
     * Models kernel code calling a module's function pointer and using its result in place (the
     * driver core calling probe, kmem_cache_alloc calling a constructor): the call runs on the
     * current task's stack above the native that asked for it and returns fn's value. A callee
     * that oopses throws {@link dev.kplay.vm.NestedExit}, so the task dies of that fault with both
     * frames in the trace. The callee may sleep: other tasks run and time passes until it is woken
     * (Scheduler.sleepNested); if nothing can ever wake it, the task stays asleep for good and
     * a NestedExit with the Blocked exit unwinds the natives, and their syscall never returns.
     */
    public long callModule(long fn, long... args) { return indirectCall.call(fn, args); }

    /**
     * Runs kernel code written in Java on behalf of t in a system call (a sysfs store that calls a
     * driver's remove, a parameter's own get) with t as current, so it may call module code through
     * {@link #callModule}; if that code oopses, t dies of it and the result is DIED.
     */
    public long inSyscall(Task t, java.util.function.LongSupplier body) {
        return scheduler.inSyscall(t, body, DIED, RUNNING);
    }

    /** Models wake_up_process(). */
    public void wakeUp(Task t) {
        scheduler.wakeUpProcess(t);
    }

    /** Keeps the exported current_task variable and the task's state field in step with `current`. */
    private void setCurrentTask(Task t) {
        if (t != null && t.userMode() != null) {
            memory.switchMm(t.userMode().mm());      // switch_mm(); other tasks borrow the mm they find (lazy TLB)
        }
        long var = exports.address("current_task");
        if (var != 0) {
            memory.store(var, 8, t == null ? 0 : t.taskStruct());
        }
        if (t != null && t.pid() == 0) {
            return;
        }
        if (t != null && t.taskStruct() != 0) {
            TaskStruct.fill(memory, t, t.taskStruct());
            long initTask = exports.address("init_task");
            if (initTask != 0) {
                TaskStruct.linkAll(memory, initTask, tasks.values(), tasks::get);
            }
        }
    }

    /**
     * A page fault in kernel code itself (vfs_read following a file's f_op into a freed module, say):
     * the oops names {@code function} as RIP, {@code path} lists its callers, and the task dies.
     * Returns {@link Syscalls#DIED}.
     */
    public long kernelFault(Task t, dev.kplay.vm.PageFault pf, String function, int offset, List<String> path) {
        return taskExit.kernelFault(t, pf, function, offset, path);
    }

    /** kallsyms: "name+0xoff/0xsize [module]" for an address, or null. */
    public String symbolize(long addr, boolean withOffset) {
        return oops.symbolize(addr, withOffset);
    }

    /** The oops machinery (for natives that detect bugs: BUG_ON, WARN). */
    public Oops oopsReporter() { return oops; }

    /** panic(): once it ran, the kernel is dead until the session reboots. */
    public Panic panicState() { return panic; }

    /** True once the kernel panicked: no task runs and time stands still. */
    public boolean panicked() { return panic.panicked(); }

    /** in_interrupt(): code running from a timer softirq or an interrupt, with no task of its own to kill. */
    public boolean inInterrupt() { return timers.inInterrupt(); }

    // ---- Syscalls: each one is implemented in SyscallTable ----------------------------------

    @Override public int spawn(int parent, String comm, List<String> argv) { return sys.spawn(parent, comm, argv); }
    @Override public void exit(int pid, int status) { sys.exit(pid, status); }
    @Override public long execve(int pid, String path, List<String> argv, List<String> envp,
                                 dev.kplay.kernel.syscall.StdStreams std) { return exec.execve(pid, path, argv, envp, std); }
    @Override public int exitStatus(int pid) { return sys.exitStatus(pid); }
    @Override public long waitpid(int parent, int pid) { return sys.waitpid(parent, pid); }
    @Override public void sleepInWait(int parent, boolean waiting) { sys.sleepInWait(parent, waiting); }
    @Override public void nanosleep(int pid, boolean asleep) { sys.nanosleep(pid, asleep); }
    @Override public boolean stopped(int pid) { return sys.stopped(pid); }
    @Override public long kill(int pid, int sig) { return sys.kill(pid, sig); }
    @Override public long open(int pid, String path, int flags, int mode) { return sys.open(pid, path, flags, mode); }
    @Override public byte[] read(int pid, int fd, int count) { return sys.read(pid, fd, count); }
    @Override public long write(int pid, int fd, byte[] data) { return sys.write(pid, fd, data); }
    @Override public long close(int pid, int fd) { return sys.close(pid, fd); }
    @Override public long dup2(int pid, int oldfd, int newfd) { return sys.dup2(pid, oldfd, newfd); }
    @Override public long ioctl(int pid, int fd, int cmd, long arg) { return sys.ioctl(pid, fd, cmd, arg); }
    @Override public long setsid(int pid) { return sys.setsid(pid); }
    @Override public long setpgid(int caller, int pid, int pgid) { return sys.setpgid(caller, pid, pgid); }
    @Override public long setControllingTty(int pid) { return sys.setControllingTty(pid); }
    @Override public long tcsetpgrp(int pid, int pgrp) { return sys.tcsetpgrp(pid, pgrp); }
    @Override public long getpriority(int caller, int pid) { return sys.getpriority(caller, pid); }
    @Override public long setpriority(int caller, int pid, int nice) { return sys.setpriority(caller, pid, nice); }
    @Override public long lseek(int pid, int fd, long offset, int whence) { return sys.lseek(pid, fd, offset, whence); }
    @Override public long poll(int pid, int[] fds, int[] events, int[] revents, int timeoutMs) {
        return sys.poll(pid, fds, events, revents, timeoutMs);
    }
    /** A poll of pid's left asleep: its result once woken, or Select.WAITING (see Select#resumePoll). */
    public long pollResume(int pid, int[] revents) { return sys.pollResume(pid, revents); }
    /** A poll of pid's left asleep ends without a result. */
    public void pollCancel(int pid) { sys.pollCancel(pid); }
    @Override public List<String> listDir(int pid, String path) { return sys.listDir(pid, path); }
    @Override public long[] stat(int pid, String path) { return sys.stat(pid, path); }
    @Override public long unlink(int pid, String path) { return sys.unlink(pid, path); }
    @Override public long mknod(int pid, String path, int mode, long dev) { return sys.mknod(pid, path, mode, dev); }
    @Override public long mkdir(int pid, String path, int mode) { return sys.mkdir(pid, path, mode); }
    @Override public String readlink(int pid, String path) { return sys.readlink(pid, path); }
    @Override public long execProgram(int pid, String comm, List<String> argv) { return sys.execProgram(pid, comm, argv); }
    @Override public boolean blocked(int pid) { return sys.blocked(pid); }
    @Override public boolean exitDead(int pid) { return sys.exitDead(pid); }
    @Override public long clockGettime(int pid, int clock) { return clock == 1 || clock == 7 ? now() : -22; }
    @Override public int lastError(int pid) { return sys.lastError(pid); }
    @Override public long finitModule(int pid, int fd, String params, int flags) { return sys.finitModule(pid, fd, params, flags); }
    @Override public long deleteModule(int pid, String name, int flags) { return sys.deleteModule(pid, name, flags); }
    @Override public String syslog(int pid, int type) { return sys.syslog(pid, type); }
    @Override public String[] uname(int pid) { return sys.uname(pid); }
}
