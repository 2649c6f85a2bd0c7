package dev.kplay.kernel.exports;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.mm.AddressSpace;
import dev.kplay.kernel.mm.Layout;
import dev.kplay.vm.KernelStack;
import dev.kplay.vm.PageFault;
import dev.kplay.vm.Trap;

import java.util.List;


/*
 * Exports that connect module code to files: the user-copy routines (a fault on a bad user
 * address is caught and reported as bytes not copied, as the exception tables make it in Linux),
 * simple_read_from_buffer, and the char-device number registry (register_chrdev). /proc is
 * in ProcExports, seq_file in SeqFileExports.
 */

/** File-related exports. */
public final class FileExports {

    private final Kernel k;
    private final ExportTable t;
    private final AddressSpace mem;
    private final Builtins builtins;

    FileExports(Kernel k, Builtins builtins) {
        this.k = k;
        this.builtins = builtins;
        this.t = k.exports();
        this.mem = k.memory();
    }

    void register() {
        // lib/usercopy.c's: no object check (copy_to_user() made it inline, see linux/uaccess.h)
        t.function("_copy_to_user", 0x40, (a, s) -> rawCopy(a[0], a[1], a[2], true));
        t.function("copy_to_user", 0x40, (a, s) -> copy(a[0], a[1], a[2], true));
        t.function("_copy_from_user", 0x40, (a, s) -> rawCopy(a[0], a[1], a[2], false));
        t.function("copy_from_user", 0x40, (a, s) -> copy(a[0], a[1], a[2], false));
        t.function("strncpy_from_user", 0x60, (a, s) -> strncpyFromUser(a[0], a[1], a[2]));
        for (String[] kt : new String[][] {{"kstrtoint", "4", "s"}, {"kstrtouint", "4", "u"}, {"kstrtol", "8", "s"},
                {"kstrtoul", "8", "u"}, {"kstrtoll", "8", "s"}, {"kstrtoull", "8", "u"}}) {
            int size = Integer.parseInt(kt[1]);
            boolean signed = kt[2].equals("s");
            t.function(kt[0] + "_from_user", 0x80, (a, s) -> {
                byte[] buf = fromUser(a[0], Math.min(a[1], 66));
                if (buf == null) {
                    return -14;
                }
                long[] out = new long[1];
                long r = dev.kplay.kernel.module.Kstrto.parse(new String(buf, java.nio.charset.StandardCharsets.ISO_8859_1),
                        (int) a[2], signed, size, out);
                if (r == 0) {
                    mem.store(a[3], size, out[0]);
                }
                return r;
            });
        }
        t.function("simple_read_from_buffer", 0x80, this::simpleReadFromBuffer);
        t.function("simple_write_to_buffer", 0x80, this::simpleWriteToBuffer);
        t.function("__register_chrdev", 0x200, (a, s) -> logged(msg -> k.devices().chrdevs()
                .registerChrdev((int) a[0], (int) a[1], (int) a[2], Kernel_cstr(a[3]), a[4], msg)));
        t.function("__unregister_chrdev", 0x100, (a, s) -> {
            k.devices().chrdevs().unregisterChrdev((int) a[0], (int) a[1], (int) a[2]);
            return 0;
        });
        t.function("register_chrdev_region", 0x100, (a, s) -> registerRegion(a[0], a[1], Kernel_cstr(a[2])));
        t.function("alloc_chrdev_region", 0x60, (a, s) -> {
            long major = logged(msg -> k.devices().chrdevs().registerRegion(0, (int) a[1], (int) a[2], Kernel_cstr(a[3]), msg));
            if (major < 0) {
                return major;
            }
            mem.store(a[0], 4, (major << 20) | a[1]);
            return 0;
        });
        t.function("unregister_chrdev_region", 0x80, (a, s) -> {
            long from = a[0] & 0xffffffffL, to = from + (a[1] & 0xffffffffL);
            for (long n = from; n < to; n = ((n >> 20) + 1) << 20) {
                long next = Math.min(((n >> 20) + 1) << 20, to);
                k.devices().chrdevs().unregisterRegion((int) (n >> 20), (int) (n & 0xfffff), (int) (next - n));
            }
            return 0;
        });
        t.function("cdev_init", 0x60, (a, s) -> {
            for (int i = 0; i < dev.kplay.kernel.fs.CharDevices.CDEV_SIZE; i += 8) {
                mem.store(a[0] + i, 8, 0);
            }
            mem.store(a[0] + 80, 8, a[0] + 80);
            mem.store(a[0] + 88, 8, a[0] + 80);
            mem.store(a[0] + dev.kplay.kernel.fs.CharDevices.CDEV_OPS, 8, a[1]);
            return 0;
        });
        t.function("cdev_alloc", 0x60, (a, s) -> {
            long c = k.slab().kmalloc(dev.kplay.kernel.fs.CharDevices.CDEV_SIZE);
            if (c != 0) {
                for (int i = 0; i < dev.kplay.kernel.fs.CharDevices.CDEV_SIZE; i += 8) {
                    mem.store(c + i, 8, 0);
                }
                mem.store(c + 80, 8, c + 80);
                mem.store(c + 88, 8, c + 80);
            }
            return c;
        });
        t.function("cdev_add", 0x60, (a, s) -> k.devices().chrdevs().cdevAdd(a[0], a[1] & 0xffffffffL, (int) a[2]));
        t.function("cdev_del", 0x30, (a, s) -> {
            k.devices().chrdevs().cdevDel(a[0]);
            return 0;
        });
        dev.kplay.kernel.base.DeviceCore core = new dev.kplay.kernel.base.DeviceCore(k);
        t.function("__class_create", 0x100, (a, s) -> core.classCreate(a[0], Kernel_cstr(a[1]), a[1]));
        t.function("class_destroy", 0x60, (a, s) -> {
            core.classDestroy(a[0]);
            return 0;
        });
        t.function("device_create", 0x100, (a, s) -> core.deviceCreate(a[0], a[1], a[2], a[3],
                Builtins.utf8(builtins.format(a[4], a, 5))));
        t.function("device_destroy", 0x80, (a, s) -> {
            core.deviceDestroy(a[0], a[1]);
            return 0;
        });
        t.function("device_create_file", 0x60, (a, s) -> a[0] == 0 ? 0
                : core.deviceCreateFile(a[0], a[1], Kernel_cstr(mem.load(a[1], 8)), (int) mem.load(a[1] + 8, 2)));
        t.function("device_remove_file", 0x30, (a, s) -> {
            if (a[0] != 0) {
                core.deviceRemoveFile(a[0], Kernel_cstr(mem.load(a[1], 8)));
            }
            return 0;
        });
    }

    /** Runs a registration; its pr_err text, if any, goes to the log. */
    private long logged(java.util.function.Function<String[], Long> call) {
        String[] msg = new String[1];
        long r = call.apply(msg);
        if (msg[0] != null) {
            k.printk().log(3, msg[0]);
        }
        return r;
    }

    /** Models register_chrdev_region(): each major's part of [from, from+count) in turn; 0 or -errno. */
    private long registerRegion(long from, long count, String name) {
        long start = from & 0xffffffffL, to = start + (count & 0xffffffffL);
        for (long n = start; n < to; n = ((n >> 20) + 1) << 20) {
            long next = Math.min(((n >> 20) + 1) << 20, to);
            String[] msg = new String[1];
            long r = k.devices().chrdevs().registerRegion((int) (n >> 20), (int) (n & 0xfffff), (int) (next - n), name, msg);
            if (msg[0] != null) {
                k.printk().log(3, msg[0]);
            }
            if (r < 0) {
                for (long m = start; m < n; m = ((m >> 20) + 1) << 20) {
                    long mnext = Math.min(((m >> 20) + 1) << 20, to);
                    k.devices().chrdevs().unregisterRegion((int) (m >> 20), (int) (m & 0xfffff), (int) (mnext - m));
                }
                return r;
            }
        }
        return 0;
    }

    private String Kernel_cstr(long addr) {
        return addr == 0 ? "" : mem.readCString(addr, 256);
    }

    /** kstrto*_from_user's copy: count bytes from user memory up to the first NUL, or null on a fault. */
    private byte[] fromUser(long from, long count) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        for (long i = 0; i < count; i++) {
            if (!Layout.isUser(from + i)) {
                return null;
            }
            try {
                int c = (int) mem.load(from + i, 1);
                if (c == 0) {
                    break;
                }
                b.write(c);
            } catch (PageFault pf) {
                return null;
            }
        }
        return b.toByteArray();
    }

    /** TASK_SIZE_MAX: the last user page is a guard page, never mapped. */
    private static final long TASK_SIZE_MAX = Layout.USER_END - Layout.PAGE_SIZE;

    /**
     * Models strncpy_from_user() (lib/strncpy_from_user.c): copies the string at user address src,
     * NUL included, into dst, at most count bytes. Returns its length; count if no NUL came within
     * count bytes (dst is then not terminated); 0 for count &lt;= 0; -EFAULT if src is not a user
     * address or a byte before the end faults (some bytes may have been copied).
     */
    private long strncpyFromUser(long dst, long src, long count) {
        if (count <= 0) {
            return 0;
        }
        if (Long.compareUnsigned(src, TASK_SIZE_MAX) >= 0) {
            return -14;
        }
        long max = Math.min(count, TASK_SIZE_MAX - src);
        for (long i = 0; i < max; i++) {
            long c;
            try {
                c = mem.load(src + i, 1);
            } catch (PageFault pf) {
                return -14;
            }
            mem.store(dst + i, 1, c);
            if (c == 0) {
                return i;
            }
        }
        return max < count ? -14 : count;
    }

    /** Models raw copy_{to,from}_user(): returns the number of bytes NOT copied. */
    private long copy(long to, long from, long n, boolean toUser) {
        return copy(to, from, n, toUser, null);
    }

    /** A copy from or to user memory; caller: the kernel function that made it (its frame in a usercopy BUG), or null. */
    private long copy(long to, long from, long n, boolean toUser, String caller) {
        checkObjectSize(toUser ? from : to, n, toUser, caller);
        return rawCopy(to, from, n, toUser);
    }

    /**
     * The hardening of 6.1's copies that gcc inlines into module code (linux/uaccess.h): __check_object_size,
     * and __copy_overflow's warning for a copy bigger than an object of known size. Registered after the
     * rest (see Builtins.register).
     */
    void registerCopyChecks() {
        t.function("__check_object_size", 0x220, (a, s) -> {
            checkObjectSize(a[0], a[1], a[2] != 0, null);
            return 0;
        });
        t.function("__copy_overflow", 0x30, (a, s) -> {
            k.oopsReporter().warn(k.current(), String.format("Buffer overflow detected (%d < %d)!", (int) a[0], a[1]),
                    "mm/maccess.c:228", "__copy_overflow+0x16/0x30", List.of());
            return 0;
        });
    }

    /** raw_copy_{to,from}_user(): the bytes, up to the first user address that faults; returns the number NOT copied. */
    private long rawCopy(long to, long from, long n, boolean toUser) {
        long user = toUser ? to : from;
        for (long i = 0; i < n; i++) {
            if (!Layout.isUser(user + i)) {
                return n - i;
            }
            try {
                mem.store(to + i, 1, mem.load(from + i, 1));
            } catch (PageFault pf) {
                if (Layout.isUser(pf.address())) {
                    return n - i;
                }
                throw pf;
            }
        }
        return 0;
    }

    /**
     * Hardened usercopy (CONFIG_HARDENED_USERCOPY, on in Debian's 6.1): __check_object_size() for the
     * kernel side of a copy, as mm/usercopy.c makes it: a NULL (or ZERO_SIZE_PTR) or wrapping pointer;
     * an object on the task's stack that runs off either end of it or starts below the stack pointer
     * (x86 with ORC checks no frames); a copy running past the end of a kmalloc object. Each is
     * usercopy_abort()'s message and BUG at mm/usercopy.c:101, as the oracle recorded (cases usercopy,
     * ucbogus; through simple_read_from_buffer/simple_write_to_buffer too).
     * Not modelled yet: the usercopy regions of kmem_cache_create_usercopy() caches (the oracle let a
     * copy from a plain kmem_cache_create() object through, as kplay does), page allocations, kernel text.
     */
    private void checkObjectSize(long ptr, long n, boolean toUser, String caller) {
        if (n == 0) {
            return;
        }
        if (Long.compareUnsigned(ptr + (n - 1), ptr) < 0) {
            usercopyAbort("wrapped address", null, toUser, 0, ptr + n, "__check_object_size.cold+0x2e/0xcb", caller);
        }
        if (Long.compareUnsigned(ptr, 16) <= 0) {
            usercopyAbort("null address", null, toUser, ptr, n, "__check_object_size.cold+0x44/0xcb", caller);
        }
        dev.kplay.kernel.sched.Task t = k.current();
        if (t != null && t.stack() != null) {
            long stack = t.stack().base();
            long end = stack + KernelStack.THREAD_SIZE;
            // current_stack_pointer in __check_object_size: below the caller's frame by its return address and pushes
            long sp = t.stack().sp() - 0x28;
            boolean touches = Long.compareUnsigned(ptr + n, stack) > 0 && Long.compareUnsigned(ptr, end) < 0;
            if (touches) {
                if (Long.compareUnsigned(ptr, stack) < 0 || Long.compareUnsigned(ptr + n, end) > 0
                        || Long.compareUnsigned(ptr, sp) < 0) {
                    usercopyAbort("process stack", null, toUser, sp - ptr, n, "__check_object_size.cold+0x5e/0xcb", caller);
                }
                return;     // GOOD_STACK
            }
        }
        long[] obj = k.slab().slabObject(ptr);
        if (obj == null || Long.compareUnsigned(n, obj[0] - obj[1]) <= 0) {
            return;
        }
        usercopyAbort("SLUB object", dev.kplay.kernel.mm.Slab.cacheName(obj[0]), toUser, obj[1], n, null, caller);
    }

    /** Models usercopy_abort(): the message, then BUG(); {@code checkFrame}: __check_object_size's own frame, or null for the heap check's. */
    private void usercopyAbort(String name, String detail, boolean toUser, long offset, long len, String checkFrame, String caller) {
        k.printk().log(0, String.format("usercopy: Kernel memory %s attempt detected %s %s%s (offset %s, size %s)!",
                toUser ? "exposure" : "overwrite", toUser ? "from" : "to", name, detail != null ? " '" + detail + "'" : "",
                Long.toUnsignedString(offset), Long.toUnsignedString(len)));
        java.util.List<String> inner = new java.util.ArrayList<>(checkFrame != null ? List.of(checkFrame)
                : List.of("__check_heap_object+0xa9/0xc0", "__check_object_size+0x1df/0x220"));
        if (caller != null) {
            inner.add(caller);
        }
        throw new Trap(Trap.Kind.INVALID_OPCODE, "mm/usercopy.c", 101, "usercopy_abort+0x75/0x77", List.copyOf(inner));
    }

    /** Models simple_read_from_buffer(to, count, ppos, from, available). */
    private long simpleReadFromBuffer(long[] a, KernelStack s) {
        long to = a[0], count = a[1], ppos = a[2], from = a[3], available = a[4];
        long pos = mem.load(ppos, 8);
        if (pos < 0) {
            return -22;
        }
        if (pos >= available || count == 0) {
            return 0;
        }
        long n = Math.min(count, available - pos);
        long left = copy(to, from + pos, n, true, "simple_read_from_buffer+0x53/0xb0");
        if (left == n) {
            return -14;
        }
        n -= left;
        mem.store(ppos, 8, pos + n);
        return n;
    }

    /** Models simple_write_to_buffer(to, available, ppos, from, count). */
    private long simpleWriteToBuffer(long[] a, KernelStack s) {
        long to = a[0], available = a[1], ppos = a[2], from = a[3], count = a[4];
        long pos = mem.load(ppos, 8);
        if (pos < 0) {
            return -22;
        }
        if (pos >= available || count == 0) {
            return 0;
        }
        long n = Math.min(count, available - pos);
        long left = copy(to + pos, from, n, false, "simple_write_to_buffer+0x52/0xb0");
        if (left == n) {
            return -14;
        }
        n -= left;
        mem.store(ppos, 8, pos + n);
        return n;
    }
}
