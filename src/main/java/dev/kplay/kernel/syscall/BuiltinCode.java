package dev.kplay.kernel.syscall;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.mm.Layout;
import dev.kplay.kernel.sched.Task;
import dev.kplay.ko.Function;
import dev.kplay.ko.ModuleImage;
import dev.kplay.ko.Relocation;
import dev.kplay.ko.Section;
import dev.kplay.ko.Symbol;
import dev.kplay.vm.Code;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/*
 * The part of vmlinux that the session compiled: kernel/sys.o of ~/linux, linked into the kernel
 * text at boot (kplay's stand-in for the final link of vmlinux) and called the way x64_sys_call()
 * calls a table entry: __x64_sys_NAME(const struct pt_regs *regs), with the user's arguments in
 * regs->di, si, dx, r10, r8, r9. The SYSCALL_DEFINEn macros of the tree's include/linux/syscalls.h
 * turn that into __se_sys_NAME(long...) and __do_sys_NAME(typed args), so the code runs exactly
 * the chain 6.1 runs. It runs on the calling task like any kernel code (Kernel.runTask): it may
 * printk, fault (an oops kills the task) and sleep.
 *
 * The code is built-in, not a module: its symbols print without a [module] tag, it taints nothing
 * and it is not in /proc/modules. The stock kernel has none (an empty BuiltinCode).
 */

/** The built-in code of a kernel built from the session's tree, and the calls into its syscalls. */
public final class BuiltinCode {
    /** What {@link #call} returns when the booted kernel has no code for the entry point. */
    public static final long NO_SUCH_ENTRY = Long.MIN_VALUE + 2;
    /** Where the linker put kernel/sys.o: in kernel text, above every native kplay models. */
    static final long BASE = Layout.KERNEL_TEXT + 0x0a00000L;
    /** sizeof(struct pt_regs) on x86-64, and the offsets of the argument registers in it. */
    static final int PT_REGS_SIZE = 168;
    static final int[] ARG_REGS = {112, 104, 96, 56, 72, 64};   // di, si, dx, r10, r8, r9
    static final int ORIG_AX = 120;
    /** Where the call came from, innermost first, as 6.1.192 unwinds a syscall (x64_sys_call tail-jumps). */
    static final List<String> PATH = List.of("do_syscall_64+0x5d/0xb0", "entry_SYSCALL_64_after_hwframe+0x6e/0xd8");

    private final Kernel k;
    private final Map<String, Long> functions = new HashMap<>();

    private BuiltinCode(Kernel k) {
        this.k = k;
    }

    /** The stock kernel's: no code of the session's. */
    public static BuiltinCode none(Kernel k) {
        return new BuiltinCode(k);
    }

    /**
     * Places {@code obj} in kernel text and data, resolves its undefined symbols against the kernel's
     * functions (the build already refused any kplay does not have) and registers its code.
     */
    public static BuiltinCode link(Kernel k, ModuleImage obj) {
        BuiltinCode b = new BuiltinCode(k);
        Map<String, Long> sections = new HashMap<>();
        long a = BASE;
        for (Section s : obj.sections()) {
            if (s.name().equals(".modinfo") || s.name().startsWith(".comment") || s.name().startsWith(".note")
                    || s.name().startsWith(".debug")) {
                continue;
            }
            long align = Math.max(16, s.align());
            a = (a + align - 1) / align * align;
            sections.put(s.name(), a);
            a += Math.max(1, s.size());
        }
        long size = Layout.pageAlign(a - BASE);
        k.memory().map(BASE, Math.max(size, Layout.PAGE_SIZE));
        for (Section s : obj.sections()) {
            Long at = sections.get(s.name());
            if (at != null && s.bytes() != null) {
                k.memory().write(at, s.bytes());
            }
        }
        List<Symbol> syms = obj.symbols();
        long[] addrs = new long[syms.size()];
        for (int i = 0; i < syms.size(); i++) {
            Symbol s = syms.get(i);
            if (s.defined()) {
                Long base = sections.get(s.section());
                addrs[i] = base == null ? 0 : base + s.offset();
                if (base != null && s.kind() == Symbol.Kind.FUNC) {
                    b.functions.put(s.name(), addrs[i]);    // aliases too: __x64_sys_getuid = __do_sys_getuid
                }
            } else {
                addrs[i] = k.exports().address(s.name());
            }
        }
        for (Relocation r : obj.relocations()) {
            Long base = sections.get(r.section());
            if (base != null) {
                k.memory().store(base + r.offset(), 8, addrs[r.symbol()] + r.addend());
            }
        }
        for (Function f : obj.functions()) {
            Long base = sections.get(f.section());
            if (base != null) {
                k.memory().registerCode(Code.decode(f, null, base + f.offset(), addrs));
                b.functions.put(f.name(), base + f.offset());
            }
        }
        return b;
    }

    /** Whether this kernel has code for a table entry point ("sys_hello": its __x64_sys_hello stub). */
    public boolean provides(String entry) {
        return entry != null && functions.containsKey("__x64_" + entry);
    }

    /**
     * Runs the entry point {@code entry} ("sys_hello") of the booted kernel on task {@code pid}, as
     * do_syscall_64() -&gt; x64_sys_call() does for syscall {@code nr}: the result (a value or -errno),
     * {@link Syscalls#DIED} if the code killed the task (oops), {@link Syscalls#RUNNING} if it is
     * still in the kernel (asleep), or {@link #NO_SUCH_ENTRY} if this kernel has no such code.
     */
    public long call(int pid, int nr, String entry, long[] args) {
        Long fn = entry == null ? null : functions.get("__x64_" + entry);
        Task t = k.task(pid);
        if (fn == null) {
            return NO_SUCH_ENTRY;
        }
        if (t == null || !t.alive()) {
            return -Errno.ESRCH;
        }
        long regs = k.slab().kmalloc(PT_REGS_SIZE);
        if (regs == 0) {
            return -Errno.ENOMEM;
        }
        for (int i = 0; i < ARG_REGS.length; i++) {
            k.memory().store(regs + ARG_REGS[i], 8, args != null && i < args.length ? args[i] : 0);
        }
        k.memory().store(regs + ORIG_AX, 8, nr);
        t.setSyscallNr(nr);
        return k.runTask(t, fn, new long[] {regs}, PATH, ret -> {
            k.slab().kfree(regs);
            return ret;
        });
    }

    /** The entry's number in the booted table, for {@link #call(int, int, String, long[])} callers that only have the name. */
    public long call(int pid, String entry, long[] args) {
        int nr = -1;
        for (SyscallTbl.Entry e : k.syscallTbl().entries()) {
            if (entry != null && entry.equals(e.entryPoint()) && (e.abi().equals("common") || e.abi().equals("64"))) {
                nr = e.nr();
            }
        }
        return call(pid, nr, entry, args);
    }
}
