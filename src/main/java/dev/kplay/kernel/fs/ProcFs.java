package dev.kplay.kernel.fs;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.module.Module;
import dev.kplay.kernel.module.ModuleState;
import dev.kplay.kernel.printk.Printk;
import dev.kplay.kernel.sched.Task;

import java.util.ArrayList;
import java.util.List;

/*
 * procfs (fs/proc): /proc/modules (m_show in kernel/module/procfs.c), /proc/sys/kernel/tainted
 * and printk, version, uptime, meminfo, kallsyms and one directory per task. Every file is
 * generated from kernel state when opened, so it is always current. proc_create() entries are
 * added to the same /proc directory by the FileExports.
 */

/** Builds /proc. */
public final class ProcFs {
    static final String VERSION = "Linux version 6.1.0-56-amd64 (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14+deb12u1) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) #1 SMP PREEMPT_DYNAMIC Debian 6.1.192-2 (2026-11-16)";

    private ProcFs() {}

    public static void mount(Kernel k) {
        Dir proc = new Dir(0555, () -> pidNames(k), name -> pidDir(k, name));
        k.vfs().root().put("proc", proc);
        // proc_self: a link to the reader's own /proc/PID; the syscalls resolve it for the calling task
        proc.put("self", new Symlink(0777, () -> "self", 0));
        proc.put("modules", file(() -> modules(k)));
        proc.put("version", file(() -> k.image().banner() + "\n"));
        proc.put("uptime", file(() -> {
            long cs = k.now() / 10_000_000L;
            return String.format("%d.%02d %d.%02d%n", cs / 100, cs % 100, cs / 100, cs % 100);
        }));
        proc.put("meminfo", file(() -> meminfo(k)));
        proc.put("slabinfo", new GeneratedFile(0400, 0, () -> k.slabCaches().slabinfo(), null));
        proc.put("kallsyms", file(() -> kallsyms(k)));
        proc.put("cmdline", file(() -> k.bootParams().commandLine().strip() + "\n"));   // saved_command_line
        proc.put("devices", file(() -> k.devices().chrdevs().procDevices()));
        proc.put("misc", file(() -> k.devices().procMisc()));
        Dir kernel = new Dir(0555);
        Dir sys = new Dir(0555);
        proc.put("sys", sys);
        sys.put("kernel", kernel);
        kernel.put("tainted", file(() -> k.taint().mask() + "\n"));
        kernel.put("printk", new GeneratedFile(0644, 0, () -> {
            int[] p = Printk.PRINTK_SYSCTL;
            return p[0] + "\t" + p[1] + "\t" + p[2] + "\t" + p[3] + "\n";
        }, text -> 0L));
        kernel.put("hung_task_timeout_secs", new GeneratedFile(0644, 0, () -> k.watchdog().hungTimeoutSecs() + "\n", text -> {
            try {
                long v = Long.parseLong(text.trim());
                if (v < 0) {
                    return -22L;
                }
                k.watchdog().setHungTimeoutSecs(v);
                return 0L;
            } catch (NumberFormatException e) {
                return -22L;
            }
        }));
        kernel.put("osrelease", file(() -> k.image().release() + "\n"));
    }

    static GeneratedFile file(java.util.function.Supplier<String> show) {
        return new GeneratedFile(0444, 0, show, null);
    }

    /** Models m_show() for each module. */
    static String modules(Kernel k) {
        StringBuilder sb = new StringBuilder();
        for (Module m : k.modules()) {
            if (m.state() == ModuleState.UNFORMED) {
                continue;
            }
            sb.append(m.name()).append(' ').append(m.coreSize() + m.initSize());
            sb.append(' ').append(m.refcnt()).append(' ');
            StringBuilder deps = new StringBuilder();
            for (Module user : m.users()) {
                deps.append(user.name()).append(',');
            }
            if (m.image().initFunction() != null && m.image().exitFunction() == null) {
                deps.append("[permanent],");
            }
            sb.append(deps.length() == 0 ? "-" : deps);
            sb.append(' ').append(m.state().procWord);
            sb.append(String.format(" 0x%016x", m.coreBase()));
            if (m.taints() != 0) {
                sb.append(' ').append(m.flags());
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String meminfo(Kernel k) {
        long total = 261624;
        long used = k.slab().used() / 1024;
        return String.format("MemTotal:       %8d kB%nMemFree:        %8d kB%nMemAvailable:   %8d kB%n"
                + "Slab:           %8d kB%n", total, 192540 - used, 196608 - used, 18000 + used);
    }

    static String kallsyms(Kernel k) {
        StringBuilder sb = new StringBuilder();
        for (var e : k.exports().all()) {
            sb.append(String.format("%016x %c %s%n", e.address(), e.function() ? 'T' : 'D', e.name()));
        }
        for (Module m : k.modules()) {
            for (var f : m.image().functions()) {
                long a = m.symbol(f.name());
                if (a != 0 && k.memory().present(a)) {
                    sb.append(String.format("%016x %c %s\t[%s]%n", a, f.global() ? 'T' : 't', f.name(), m.name()));
                }
            }
        }
        return sb.toString();
    }

    static List<String> pidNames(Kernel k) {
        List<String> names = new ArrayList<>();
        for (Task t : k.tasks().values()) {
            if (t.state() != Task.State.DEAD || t.alive()) {
                names.add(Integer.toString(t.pid()));
            }
        }
        return names;
    }

    static Inode pidDir(Kernel k, String name) {
        if (!name.matches("\\d{1,9}")) {
            return null;
        }
        Task t = k.task(Integer.parseInt(name));
        if (t == null) {
            return null;
        }
        Dir d = new Dir(0555);
        d.put("comm", file(() -> t.procName() + "\n"));
        // a task that is dead (or a kernel thread) has no mm, so no arguments: ps shows it as [comm]
        d.put("cmdline", file(() -> t.argv().isEmpty() || t.state() == Task.State.DEAD ? ""
                : String.join("\0", t.argv()) + "\0"));
        d.put("status", file(() -> ProcArray.status(t)));
        d.put("stat", file(() -> ProcArray.stat(k, t)));
        d.put("statm", file(() -> ProcArray.statm(t)));
        d.put("schedstat", file(() -> t.sumExecRuntime() + " " + t.runDelay() + " " + t.pcount() + "\n"));   // proc_pid_schedstat()
        d.put("stack", new GeneratedFile(0400, 0, () -> stack(k, t), null));
        d.put("fd", new Dir(0500, () -> t.files().keySet().stream().map(String::valueOf).toList(), fd -> fdLink(t, fd)));
        return d;
    }

    /** /proc/PID/fd/N: a link to the open file, r-x for reading, -wx for writing (proc_fd_instantiate()). */
    static Inode fdLink(Task t, String name) {
        if (!name.matches("\\d{1,9}")) {
            return null;
        }
        OpenFile f = t.files().get(Integer.parseInt(name));
        if (f == null) {
            return null;
        }
        int perm = (f.readable() ? 0500 : 0) | (f.writable() ? 0300 : 0);
        return new Symlink(perm, f::path);
    }

    /**
     * The functions stack_trace_save_tsk() leaves out of a sleeping task's trace (in_sched_functions():
     * everything marked __sched, from schedule() to wait_for_completion() and the lock slow paths' tails).
     */
    static final java.util.Set<String> SCHED_FUNCTIONS = java.util.Set.of("schedule", "schedule_timeout",
            "schedule_timeout_interruptible", "schedule_timeout_killable", "schedule_timeout_uninterruptible",
            "schedule_timeout_idle", "schedule_hrtimeout", "schedule_hrtimeout_range", "schedule_preempt_disabled",
            "io_schedule", "io_schedule_timeout", "yield", "wait_for_completion", "wait_for_completion_timeout",
            "wait_for_completion_interruptible", "wait_for_completion_interruptible_timeout",
            "wait_for_completion_killable", "wait_for_completion_killable_timeout", "wait_for_completion_io",
            "usleep_range_state", "mutex_lock", "mutex_lock_interruptible", "mutex_lock_killable", "down",
            "down_interruptible", "down_killable", "down_timeout", "down_read", "down_write", "cond_resched",
            "__cond_resched");

    /** /proc/PID/stack: the kernel frames of a task that is in the kernel, as "[<0>] name+off/size". */
    static String stack(Kernel k, Task t) {
        if (!t.alive()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        if (t.stack().depth() == 0) {
            // asleep outside module code (wait4's do_wait), or in user space: nothing on the kernel stack
            for (String f : t.sleepFrames()) {
                sb.append("[<0>] ").append(f).append('\n');
            }
            return sb.toString();
        }
        for (String f : t.sleepFrames()) {
            if (!SCHED_FUNCTIONS.contains(f.substring(0, Math.max(0, f.indexOf('+'))))) {
                sb.append("[<0>] ").append(f).append('\n');
            }
        }
        String in = t.sleepFrames().isEmpty() && t.stack().blockedIn() != 0
                ? k.exports().nameOf(t.stack().blockedIn()) : null;
        if (in != null && !SCHED_FUNCTIONS.contains(in)) {
            // the native the task sleeps in (msleep_interruptible...), at its call of schedule_timeout()
            var e = k.exports().containing(t.stack().blockedIn());
            sb.append("[<0>] ").append(k.symbolize(t.stack().blockedIn() + Math.max(1, e.size()) * 7 / 16, true)).append('\n');
        }
        for (int i = 0; i < t.stack().depth(); i++) {
            if (!t.stack().frameShown(i)) {
                continue;
            }
            var c = t.stack().frameCode(i);
            String s = k.symbolize(c.rip(t.stack().framePc(i)), true);
            if (s != null) {
                sb.append("[<0>] ").append(s).append('\n');
            }
        }
        for (String p : t.kernelPath()) {
            sb.append("[<0>] ").append(p).append('\n');
        }
        return sb.toString();
    }
}
