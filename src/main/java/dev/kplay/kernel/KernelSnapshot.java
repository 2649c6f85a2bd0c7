package dev.kplay.kernel;

import java.util.List;

/*
 * A read-only picture of a kernel for the page's state panes and the session API: what lsmod,
 * ps and /proc/sys/kernel/tainted would show, taken at one instant.
 */

/**
 * The kernel's visible state at one instant.
 *
 * @param uptimeNanos virtual time since boot
 * @param taintMask   /proc/sys/kernel/tainted
 * @param taintFlags  the taint letters as print_tainted() orders them without blanks ("POE", "G" if clean)
 * @param modules     loaded modules, most recently loaded first (as lsmod lists them)
 * @param tasks       tasks by pid
 * @param panic       the panic() reason once the kernel panicked ("Fatal exception in interrupt"), else null
 */
public record KernelSnapshot(long uptimeNanos, long taintMask, String taintFlags, List<ModuleInfo> modules,
                             List<TaskInfo> tasks, String panic) {

    /** One module line: state is "Live", "Loading" or "Unloading" (as /proc/modules prints it). */
    public record ModuleInfo(String name, long size, int refcnt, String state) {}

    /** One task: state is the /proc/PID/status letter (R, S, D, Z...). */
    public record TaskInfo(int pid, int ppid, String comm, char state) {}
}
