package dev.kplay.kernel;

import dev.kplay.kernel.syscall.SyscallTbl;
import dev.kplay.ko.ModuleImage;

/*
 * What a boot loads: the kernel's identity (init_uts_ns and linux_banner, init/version-timestamp.c),
 * the syscall table it was built with, and the built-in code compiled from the session's ~/linux
 * tree. kplay's stock kernel is Debian's 6.1.0-56-amd64 build; `make` in ~/linux produces another
 * image, and a reboot boots the newest one. Only these parts differ between the two kernels: every
 * other part of the kernel is kplay's simulation of 6.1, the same in both.
 */

/**
 * A bootable kernel.
 *
 * @param release    UTS_RELEASE: {@code uname -r}
 * @param version    UTS_VERSION: {@code uname -v} ("#2 SMP PREEMPT_DYNAMIC Sun Dec  6 23:20:00 UTC 2026")
 * @param compiledBy the banner's "(LINUX_COMPILE_BY@LINUX_COMPILE_HOST) (LINUX_COMPILER)" part
 * @param packageId  LINUX_PACKAGE_ID, which Debian's official builds set (" Debian 6.1.192-2"), else ""
 * @param syscalls   the syscall_64.tbl it was built from
 * @param builtin    kernel/sys.o of the tree (the syscalls the session wrote), or null for the stock kernel
 */
public record KernelImage(String release, String version, String compiledBy, String packageId,
                          SyscallTbl syscalls, ModuleImage builtin) {
    static final String COMPILER = "(gcc-12 (Debian 12.2.0-14+deb12u1) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40)";

    /** Debian's build that kplay's kernel is: {@code 6.1.0-56-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.192-2}. */
    public static KernelImage stock() {
        return new KernelImage("6.1.0-56-amd64", "#1 SMP PREEMPT_DYNAMIC Debian 6.1.192-2 (2026-11-16)",
                "(debian-kernel@lists.debian.org) " + COMPILER, " Debian 6.1.192-2", SyscallTbl.stock(), null);
    }

    /** A kernel built from the session's tree by root on the host kplay, with the toolchain kplay models. */
    public static KernelImage built(String release, String version, SyscallTbl syscalls, ModuleImage builtin) {
        return new KernelImage(release, version, "(root@kplay) " + COMPILER, "", syscalls, builtin);
    }

    /** The same kernel with {@code obj} as its built-in code from ~/linux. */
    public KernelImage withBuiltin(ModuleImage obj) {
        return new KernelImage(release, version, compiledBy, packageId, syscalls, obj);
    }

    /** linux_banner without its newline: the first boot line and /proc/version. */
    public String banner() {
        return "Linux version " + release + " " + compiledBy + " " + version;
    }

    /** The "#N" that dump_stack_print_info() prints: UTS_VERSION up to its first space. */
    public String buildTag() {
        int sp = version.indexOf(' ');
        return sp < 0 ? version : version.substring(0, sp);
    }
}
