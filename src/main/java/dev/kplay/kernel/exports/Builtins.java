package dev.kplay.kernel.exports;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.mm.AddressSpace;
import dev.kplay.kernel.printk.Vsprintf;
import dev.kplay.vm.PageFault;

import java.nio.charset.StandardCharsets;

/*
 * The Java bodies of the exported kernel functions and objects a module links against: printk,
 * the string and memory library, kmalloc, time, and the param_ops objects. Each registration
 * below is one EXPORT_SYMBOL. Procfs, chrdev and user-copy exports live in FileExports.
 *
 * Conventions: arguments arrive as 64-bit values in C order; a variadic function gets its extra
 * arguments after the fixed ones; a va_list is the address of 8-byte slots. Faults inside a builtin
 * (memcpy through a bad pointer) are page faults at that builtin's RIP, as in Linux.
 */

/** Registers the core exports. */
public final class Builtins {
    private final Kernel k;
    private final ExportTable t;
    private final AddressSpace mem;

    public Builtins(Kernel k) {
        this.k = k;
        this.t = k.exports();
        this.mem = k.memory();
    }

    /** Registers every export, then the kernel-internal names call traces use. */
    public void register() {
        printk();
        strings();
        memory();
        alloc();
        time();
        params();
        FileExports files = new FileExports(k, this);
        files.register();
        new StringExports(k, this).register();
        new HexDumpExports(k, this).register();
        new KfifoExports(k, this).register();
        new IdrExports(k).register();
        new VfsExports(k).register();
        new DebugfsExports(k, this).register();
        new JumpLabelExports(k).register();
        new ProcExports(k).register();
        new SeqFileExports(k, this).register();
        new SysfsExports(k, this).register();
        new TaskExports(k).register();
        new MemoryExports(k, this).register();
        new CredExports(k).register();
        RcuExports rcu = new RcuExports(k);
        rcu.registerSynchronize();    // where CredExports registered it: the addresses after it stay
        new DriverExports(k, this).register();
        new DeviceExports(k).register();
        new PanicExports(k, this).register();
        new TimerExports(k).register();
        SchedExports sched = new SchedExports(k, this);
        sched.register();
        new LockExports(k).register();
        new RwsemExports(k).register();
        new WorkExports(k, this).register();
        for (String s : new String[] {"do_one_initcall", "do_init_module", "__do_sys_finit_module", "__do_sys_delete_module",
                "do_syscall_64", "entry_SYSCALL_64_after_hwframe", "__x64_sys_ioctl", "ksys_lseek", "do_sys_poll",
                "__x64_sys_poll", "proc_reg_llseek", "proc_reg_unlocked_ioctl", "proc_reg_poll", "vfs_read", "ksys_read", "vfs_write", "ksys_write",
                "filp_close", "__x64_sys_close", "chrdev_open", "do_dentry_open", "__fput",
                "proc_reg_read", "proc_reg_write", "warn_alloc", "proc_reg_open", "proc_reg_read_iter",
                "proc_reg_release", "kernfs_fop_read_iter", "kernfs_fop_write_iter", "kernfs_fop_open"}) {
            if (!Symvers.exported(s)) {
                t.internal(s, 0x200);
            }
        }
        t.internal("__run_timers", 0x2c0);     // where a timer left armed in a freed module faults
        sched.moduleKthreadExit();
        // Last, so that the kernel addresses registered before keep theirs (recorded transcripts show them)
        new RbtreeExports(k).register();
        new SortExports(k).register();
        new NotifierExports(k).register();
        rcu.register();
        new PerCpuExports(k).register();
        new XarrayExports(k).register();
        new ListDebugExports(k).register();
        files.registerCopyChecks();
        new StringExports(k, this).registerFortify();
    }

    /** vsnprintf over arguments args[from..]. */
    String format(long fmtAddr, long[] args, int from) {
        int[] i = {from};
        return Vsprintf.format(cstr(fmtAddr), () -> i[0] < args.length ? args[i[0]++] : 0, memoryView());
    }

    /** vsnprintf over a va_list in memory. */
    String formatVa(long fmtAddr, long va) {
        long[] p = {va};
        return Vsprintf.format(cstr(fmtAddr), () -> {
            long v = mem.load(p[0], 8);
            p[0] += 8;
            return v;
        }, memoryView());
    }

    Vsprintf.Memory memoryView() {
        return new Vsprintf.Memory() {
            @Override
            public String cString(long addr, int max) {
                try {
                    return mem.readCString(addr, max);
                } catch (PageFault pf) {
                    return null;
                }
            }

            @Override
            public String symbol(long addr, boolean withOffset) {
                return k.symbolize(addr, withOffset);
            }

            @Override
            public byte[] bytes(long addr, int len) {
                try {
                    return mem.read(addr, len);
                } catch (PageFault pf) {
                    return null;
                }
            }
        };
    }

    /** A C string as a byte string (one char per byte). */
    String cstr(long addr) {
        return mem.readCString(addr, 1 << 20);
    }

    static String utf8(String byteString) {
        return new String(byteString.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    /** Writes at most size-1 bytes of s and a NUL (snprintf); returns s's length. */
    /** Models skip_spaces(): the first non-space character of str. */
    private long skipSpaces(long str) {
        while (isSpace(mem.load(str, 1))) {
            str++;
        }
        return str;
    }

    /** The kernel's isspace() (lib/ctype.c: _S is \t\n\v\f\r, space and 0xa0). */
    private static boolean isSpace(long c) {
        return c == ' ' || (c >= 9 && c <= 13) || c == 0xa0;
    }

    long putBounded(long buf, long size, String s) {
        if (size > 0) {
            int n = (int) Math.min(s.length(), size - 1);
            for (int i = 0; i < n; i++) {
                mem.store(buf + i, 1, s.charAt(i));
            }
            mem.store(buf + n, 1, 0);
        }
        return s.length();
    }

    private void printk() {
        t.function("_printk", 0x60, (a, s) -> k.printk().printk(utf8(format(a[0], a, 1))));
        t.function("printk", 0x60, (a, s) -> k.printk().printk(utf8(format(a[0], a, 1))));
        t.function("vprintk", 0x60, (a, s) -> k.printk().printk(utf8(formatVa(a[0], a[1]))));
        long cp = t.object("console_printk", 16);
        for (int i = 0; i < 4; i++) {
            mem.store(cp + 4L * i, 4, dev.kplay.kernel.printk.Printk.PRINTK_SYSCTL[i]);
        }
        t.function("__printk_ratelimit", 0x40, (a, s) -> 1);
        t.function("dump_stack_lvl", 0x60, (a, s) -> {
            k.oopsReporter().dumpStack(k.current(), java.util.List.of("dump_stack_lvl+0x44/0x5c"));
            return 0;
        });
        t.function("dump_stack", 0x20, (a, s) -> {
            k.oopsReporter().dumpStack(k.current(), java.util.List.of("dump_stack_lvl+0x44/0x5c"));
            return 0;
        });
    }

    private void strings() {
        t.function("strlen", 0x20, (a, s) -> cstr(a[0]).length());
        t.function("strnlen", 0x30, (a, s) -> mem.readCString(a[0], (int) Math.min(a[1], 1 << 20)).length());
        t.function("strcpy", 0x20, (a, s) -> {
            mem.writeCString(a[0], cstr(a[1]));
            return a[0];
        });
        t.function("strncpy", 0x30, (a, s) -> {
            String src = mem.readCString(a[1], (int) a[2]);
            for (int i = 0; i < a[2]; i++) {
                mem.store(a[0] + i, 1, i < src.length() ? src.charAt(i) : 0);
            }
            return a[0];
        });
        t.function("strscpy", 0x80, (a, s) -> {
            if (a[2] <= 0) {
                return -7;
            }
            String src = mem.readCString(a[1], (int) a[2]);
            boolean fits = src.length() < a[2];
            String out = fits ? src : src.substring(0, (int) a[2] - 1);
            mem.writeCString(a[0], out);
            return fits ? out.length() : -7;
        });
        t.function("strcat", 0x30, (a, s) -> {
            mem.writeCString(a[0] + cstr(a[0]).length(), cstr(a[1]));
            return a[0];
        });
        t.function("strncat", 0x40, (a, s) -> {
            String src = mem.readCString(a[1], (int) a[2]);
            mem.writeCString(a[0] + cstr(a[0]).length(), src);
            return a[0];
        });
        t.function("strcmp", 0x30, (a, s) -> Integer.signum(cstr(a[0]).compareTo(cstr(a[1]))));
        t.function("strncmp", 0x40, (a, s) -> Integer.signum(mem.readCString(a[0], (int) a[2]).compareTo(mem.readCString(a[1], (int) a[2]))));
        t.function("skip_spaces", 0x20, (a, s) -> skipSpaces(a[0]));
        t.function("strim", 0x50, (a, s) -> {
            long end = a[0] + cstr(a[0]).length() - 1;
            while (end >= a[0] && isSpace(mem.load(end, 1))) {
                end--;
            }
            mem.store(end + 1, 1, 0);
            return skipSpaces(a[0]);
        });
        t.function("strchr", 0x30, (a, s) -> {
            String str = cstr(a[0]);
            int c = (int) (a[1] & 0xff);
            int i = c == 0 ? str.length() : str.indexOf(c);
            return i < 0 ? 0 : a[0] + i;
        });
        t.function("strrchr", 0x30, (a, s) -> {
            String str = cstr(a[0]);
            int c = (int) (a[1] & 0xff);
            int i = c == 0 ? str.length() : str.lastIndexOf(c);
            return i < 0 ? 0 : a[0] + i;
        });
        t.function("strspn", 0x40, (a, s) -> span(cstr(a[0]), cstr(a[1]), true));
        t.function("strcspn", 0x40, (a, s) -> span(cstr(a[0]), cstr(a[1]), false));
        t.function("strpbrk", 0x40, (a, s) -> {
            String str = cstr(a[0]);
            int i = (int) span(str, cstr(a[1]), false);
            return i < str.length() ? a[0] + i : 0;
        });
        t.function("strstr", 0x60, (a, s) -> {
            int i = cstr(a[0]).indexOf(cstr(a[1]));
            return i < 0 ? 0 : a[0] + i;
        });
        t.function("snprintf", 0x60, (a, s) -> putBounded(a[0], a[1], format(a[2], a, 3)));
        t.function("vsnprintf", 0x60, (a, s) -> putBounded(a[0], a[1], formatVa(a[2], a[3])));
        t.function("scnprintf", 0x60, (a, s) -> Math.min(putBounded(a[0], a[1], format(a[2], a, 3)), Math.max(0, a[1] - 1)));
        t.function("vscnprintf", 0x60, (a, s) -> Math.min(putBounded(a[0], a[1], formatVa(a[2], a[3])), Math.max(0, a[1] - 1)));
        t.function("sprintf", 0x60, (a, s) -> putBounded(a[0], Long.MAX_VALUE, format(a[1], a, 2)));
        t.function("vsprintf", 0x60, (a, s) -> putBounded(a[0], Long.MAX_VALUE, formatVa(a[1], a[2])));
        t.function("sscanf", 0x80, (a, s) -> Sscanf.scan(cstr(a[0]), cstr(a[1]), a, 2, mem));
        if (t.byName("vsscanf") == null) {
            t.internal("vsscanf", 0x7e0);   // where sscanf's conversions fault (Oops names it)
        }
        for (String[] kt : new String[][] {{"kstrtoint", "4", "s"}, {"kstrtouint", "4", "u"}, {"kstrtol", "8", "s"},
                {"kstrtoul", "8", "u"}, {"kstrtoll", "8", "s"}, {"kstrtoull", "8", "u"}, {"kstrtos8", "1", "s"},
                {"kstrtou8", "1", "u"}, {"kstrtos16", "2", "s"}, {"kstrtou16", "2", "u"}}) {
            int size = Integer.parseInt(kt[1]);
            boolean signed = kt[2].equals("s");
            t.function(kt[0], 0x80, (a, s) -> {
                long[] out = new long[1];
                long r = dev.kplay.kernel.module.Kstrto.parse(cstr(a[0]), (int) a[1], signed, size, out);
                if (r == 0) {
                    mem.store(a[2], size, out[0]);
                }
                return r;
            });
        }
        t.function("kstrtobool", 0x60, (a, s) -> {
            String str = cstr(a[0]);
            Boolean b = str.isEmpty() ? null : "yY1".indexOf(str.charAt(0)) >= 0 ? Boolean.TRUE
                    : "nN0".indexOf(str.charAt(0)) >= 0 ? Boolean.FALSE
                    : str.toLowerCase().startsWith("on") ? Boolean.TRUE : str.toLowerCase().startsWith("of") ? Boolean.FALSE : null;
            if (b == null) {
                return -22;
            }
            mem.store(a[1], 1, b ? 1 : 0);
            return 0;
        });
        t.function("simple_strtol", 0x60, (a, s) -> strtol(a, true));
        t.function("simple_strtoul", 0x60, (a, s) -> strtol(a, false));
        t.function("simple_strtoll", 0x60, (a, s) -> strtol(a, true));
        t.function("simple_strtoull", 0x60, (a, s) -> strtol(a, false));
    }

    /** strspn (accepting) or strcspn: the length of the prefix of str made of (or free of) set's bytes. */
    private static long span(String str, String set, boolean accept) {
        int i = 0;
        while (i < str.length() && (set.indexOf(str.charAt(i)) >= 0) == accept) {
            i++;
        }
        return i;
    }

    private long strtol(long[] a, boolean signed) {
        String str = cstr(a[0]);
        int i = 0;
        boolean neg = false;
        if (signed && i < str.length() && str.charAt(i) == '-') {
            neg = true;
            i++;
        }
        int base = (int) a[2];
        if ((base == 0 || base == 16) && str.startsWith("0x", i)) {
            base = 16;
            i += 2;
        } else if (base == 0 && str.startsWith("0", i)) {
            base = 8;
        } else if (base == 0) {
            base = 10;
        }
        long v = 0;
        while (i < str.length() && Character.digit(str.charAt(i), base) >= 0) {
            v = v * base + Character.digit(str.charAt(i), base);
            i++;
        }
        if (a[1] != 0) {
            mem.store(a[1], 8, a[0] + i);
        }
        return neg ? -v : v;
    }

    private void memory() {
        t.function("memcpy", 0x20, (a, s) -> {
            copy(a[0], a[1], a[2]);
            return a[0];
        });
        t.function("memmove", 0x40, (a, s) -> {
            byte[] b = mem.read(a[1], (int) a[2]);
            mem.write(a[0], b);
            return a[0];
        });
        t.function("memset", 0x20, (a, s) -> {
            for (long i = 0; i < a[2]; i++) {
                mem.store(a[0] + i, 1, a[1]);
            }
            return a[0];
        });
        t.function("memcmp", 0x30, (a, s) -> {
            for (long i = 0; i < a[2]; i++) {
                int x = (int) mem.load(a[0] + i, 1);
                int y = (int) mem.load(a[1] + i, 1);
                if (x != y) {
                    return x - y;
                }
            }
            return 0;
        });
    }

    void copy(long dst, long src, long n) {
        for (long i = 0; i < n; i++) {
            mem.store(dst + i, 1, mem.load(src + i, 1));
        }
    }

    private void alloc() {
        t.function("__kmalloc", 0x180, (a, s) -> kmalloc(a[0], "__kmalloc"));
        t.function("kmalloc", 0x180, (a, s) -> kmalloc(a[0], "__kmalloc"));
        t.function("kmalloc_trace", 0x40, (a, s) -> kmalloc(a[a.length - 1], "kmalloc_trace"));
        t.function("kzalloc", 0x180, (a, s) -> kmalloc(a[0], "__kmalloc"));
        t.function("kcalloc", 0x180, (a, s) -> kmalloc(a[0] * a[1], "__kmalloc"));
        t.function("kmalloc_array", 0x180, (a, s) -> kmalloc(a[0] * a[1], "__kmalloc"));
        t.function("krealloc", 0x100, (a, s) -> {
            long old = a[0];
            if (a[1] == 0 && old != 0) {
                k.slab().kfree(old);
                return 16;
            }
            if (Long.compareUnsigned(old, 16) > 0 && k.slab().ksize(old) >= a[1]) {
                return old;
            }
            long n = kmalloc(a[1], "krealloc");
            if (n != 0 && old != 0 && old != 16) {
                copy(n, old, Math.min(k.slab().ksize(old), a[1]));
                k.slab().kfree(old);
            }
            return n;
        });
        t.function("kfree", 0x100, (a, s) -> {
            if (k.slab().freedOntoItself(a[0])) {
                // kfree() tail-calls __kmem_cache_free(), whose set_freepointer() has BUG_ON(object == fp)
                throw new dev.kplay.vm.Trap(dev.kplay.vm.Trap.Kind.INVALID_OPCODE, "mm/slub.c", 419,
                        "__kmem_cache_free+0x284/0x2a0");
            }
            k.slab().kfree(a[0]);
            return 0;
        });
        t.function("ksize", 0x40, (a, s) -> k.slab().ksize(a[0]));
        t.function("kstrdup", 0x60, (a, s) -> {
            if (a[0] == 0) {
                return 0;
            }
            String str = cstr(a[0]);
            long p = kmalloc(str.length() + 1, "kstrdup");
            if (p != 0) {
                mem.writeCString(p, str);
            }
            return p;
        });
    }

    /** WARN_ON_ONCE(order >= MAX_ORDER) in __alloc_pages() fires once per boot. */
    private boolean warnedHugeAlloc;

    /** kmalloc with the allocation-failure warning of warn_alloc() when it fails. */
    long kmalloc(long size, String caller) {
        if (size > dev.kplay.kernel.mm.Slab.KMALLOC_MAX_SIZE && size > 0) {
            if (!warnedHugeAlloc && k.current() != null) {
                warnedHugeAlloc = true;
                k.oopsReporter().warn(k.current(), "mm/page_alloc.c:5634", "__alloc_pages+0x2a9/0x330",
                        java.util.List.of("__kmalloc_large_node+0x6e/0xe0", "kmalloc_large+0x19/0xa0"));
            }
            return 0;
        }
        long p = k.slab().kmalloc(size);
        if (p == 0 && size != 0 && k.current() != null) {
            int order = Math.max(0, 64 - Long.numberOfLeadingZeros(Math.max(1, (size - 1) >> 12)));
            k.printk().log(4, k.current().comm() + ": page allocation failure: order:" + order
                    + ", mode:0x40dc0(GFP_KERNEL|__GFP_COMP|__GFP_ZERO), nodemask=(null),cpuset=/,mems_allowed=0");
            k.oopsReporter().dumpStack(k.current(), java.util.List.of("dump_stack_lvl+0x44/0x5c",
                    "warn_alloc+0x137/0x160", "__alloc_pages_slowpath.constprop.0+0xc8d/0xcd0",
                    "__alloc_pages+0x2a7/0x2d0", "__kmalloc_large_node+0x7a/0x150", caller + "+0x59/0x120"));
        }
        return p;
    }

    private void time() {
        t.function("get_random_u32", 0x40, (a, s) -> Vsprintf.hashPointer(k.clock().now()));
        // called by a function compiled with gcc's stack protector whose canary changed (cc.lower.StackProtector):
        // panic("stack-protector: Kernel stack is corrupted in: %pB") with its return address, that function's end
        t.function("__stack_chk_fail", 0x10, (a, s) -> {
            String where = s.depth() > 0 ? k.oopsReporter().symbolize(s.frameCode(0).rip(s.framePc(0)) + 5, true) : null;
            k.panicState().panic(k.current(), "stack-protector: Kernel stack is corrupted in: " + (where != null ? where : "0x0"),
                    java.util.List.of("__stack_chk_fail+0x10/0x10"));
            s.block();
            return 0;
        });
    }

    private void params() {
        for (String type : new String[] {"byte", "short", "ushort", "int", "uint", "long", "ulong", "ullong", "hexint",
                "charp", "bool", "invbool", "string"}) {
            t.object("param_ops_" + type, 32);
        }
        t.object("param_array_ops", 32);
        for (String type : new String[] {"byte", "short", "ushort", "int", "uint", "long", "ulong", "ullong", "hexint",
                "charp", "bool", "invbool"}) {
            t.function("param_set_" + type, 0x60, (a, s) -> new dev.kplay.kernel.module.ModuleParams(k, null)
                    .setForOps(type, a[1], a[0] == 0 ? null : cstr(a[0])));
            t.function("param_get_" + type, 0x60, (a, s) -> {
                String out = new dev.kplay.kernel.module.ModuleParams(k, null).getForOps(type, a[1]);
                mem.writeCString(a[0], out);
                return out.length();
            });
        }
    }
}
