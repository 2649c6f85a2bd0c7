package dev.kplay.kernel.exports;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.mm.AddressSpace;
import dev.kplay.kernel.mm.Layout;
import dev.kplay.kernel.mm.Slab;
import dev.kplay.vm.PageFault;
import java.nio.charset.StandardCharsets;

/*
 * The rest of lib/string.c that tutorials' write handlers use to take a command apart (strsep,
 * strcasecmp, strlcpy, memchr, ...), and mm/util.c's memdup_user()/memdup_user_nul(), the usual
 * way a .write handler copies the user's line into a kernel string. Each has 6.1's return
 * contract: strcasecmp returns the difference of the first differing lowered bytes, not its sign;
 * strlcpy returns strlen(src) however much it copied; memdup_user returns ERR_PTR(-ENOMEM) or
 * ERR_PTR(-EFAULT), never NULL.
 */

/** lib/string.c and mm/util.c string exports. */
final class StringExports {
    private static final long ENOMEM = -12;
    private static final long EFAULT = -14;

    private final Kernel k;
    private final Builtins b;
    private final ExportTable t;
    private final AddressSpace mem;

    StringExports(Kernel k, Builtins b) {
        this.k = k;
        this.b = b;
        this.t = k.exports();
        this.mem = k.memory();
    }

    /**
     * fortify_panic(name), which FORTIFY's inline string functions call (linux/string.h's strcpy) when
     * a string does not fit its destination: pr_emerg and BUG() at lib/string_helpers.c:1027, as the
     * oracle recorded (case fortify). Registered after the rest (see Builtins.register).
     */
    void registerFortify() {
        t.function("fortify_panic", 0x11, (a, s) -> {
            k.printk().log(0, "detected buffer overflow in " + b.cstr(a[0]));
            throw new dev.kplay.vm.Trap(dev.kplay.vm.Trap.Kind.INVALID_OPCODE, "lib/string_helpers.c", 1027,
                    "fortify_panic+0xf/0x11", java.util.List.of());
        });
        // what FORTIFY's checks call at run time after gcc warned at build time (lib/string_helpers.c): nothing
        t.function("__read_overflow2_field", 0x5, (a, s) -> 0);
        t.function("__write_overflow_field", 0x5, (a, s) -> 0);
        // strlcat (lib/string.c), which FORTIFY's strcat() calls: a destination with no NUL within count is its BUG_ON
        t.function("strlcat", 0x80, (a, s) -> {
            long dsize = strlen(a[0]);
            long len = strlen(a[1]);
            if (Long.compareUnsigned(dsize, a[2]) >= 0) {
                throw new dev.kplay.vm.Trap(dev.kplay.vm.Trap.Kind.INVALID_OPCODE, "lib/string.c", 337, "strlcat+0x73/0x80",
                        java.util.List.of());
            }
            long copy = Long.compareUnsigned(len, a[2] - dsize) >= 0 ? a[2] - dsize - 1 : len;
            for (long i = 0; i < copy; i++) {
                mem.store(a[0] + dsize + i, 1, mem.load(a[1] + i, 1));
            }
            mem.store(a[0] + dsize + copy, 1, 0);
            return dsize + len;
        });
    }

    void register() {
        t.function("strsep", 0x60, (a, s) -> strsep(a[0], a[1]));
        t.function("strcasecmp", 0x50, (a, s) -> strcasecmp(a[0], a[1]));
        t.function("strncasecmp", 0x60, (a, s) -> strncasecmp(a[0], a[1], a[2]));
        t.function("strlcpy", 0x50, (a, s) -> strlcpy(a[0], a[1], a[2]));
        t.function("strchrnul", 0x30, (a, s) -> {
            long p = a[0];
            int c = (int) (a[1] & 0xff);
            for (long ch = mem.load(p, 1); ch != 0 && ch != c; ch = mem.load(p, 1)) {
                p++;
            }
            return p;
        });
        t.function("strnstr", 0x60, (a, s) -> strnstr(a[0], a[1], a[2]));
        t.function("strreplace", 0x30, (a, s) -> {
            long p = a[0];
            for (long ch = mem.load(p, 1); ch != 0; ch = mem.load(++p, 1)) {
                if (ch == (a[1] & 0xff)) {
                    mem.store(p, 1, a[2]);
                }
            }
            return p;
        });
        t.function("memchr", 0x30, (a, s) -> {
            for (long i = 0; i < a[2]; i++) {
                if (mem.load(a[0] + i, 1) == (a[1] & 0xff)) {
                    return a[0] + i;
                }
            }
            return 0;
        });
        t.function("memchr_inv", 0x100, (a, s) -> {
            for (long i = 0; i < a[2]; i++) {
                if (mem.load(a[0] + i, 1) != (a[1] & 0xff)) {
                    return a[0] + i;
                }
            }
            return 0;
        });
        t.function("kmemdup_nul", 0x60, (a, s) -> {
            if (a[0] == 0) {
                return 0;
            }
            long p = b.kmalloc(a[1] + 1, "kmemdup_nul");
            if (p != 0) {
                b.copy(p, a[0], a[1]);
                mem.store(p + a[1], 1, 0);
            }
            return p;
        });
        t.function("memdup_user", 0x80, (a, s) -> memdupUser(a[0], a[1], false));
        t.function("memdup_user_nul", 0x90, (a, s) -> memdupUser(a[0], a[1], true));
    }

    /** Models strsep(): cuts *sp at the first byte of ct, returns the token and moves *sp past it (NULL at the end). */
    private long strsep(long sp, long ct) {
        long begin = mem.load(sp, 8);
        if (begin == 0) {
            return 0;
        }
        String set = b.cstr(ct);
        long p = begin;
        for (long ch = mem.load(p, 1); ch != 0; ch = mem.load(++p, 1)) {
            if (set.indexOf((char) ch) >= 0) {
                mem.store(p, 1, 0);
                mem.store(sp, 8, p + 1);
                return begin;
            }
        }
        mem.store(sp, 8, 0);
        return begin;
    }

    /** Models strcasecmp(): the difference of the first differing lowered bytes (0 if equal). */
    private long strcasecmp(long s1, long s2) {
        int c1;
        int c2;
        do {
            c1 = tolower((int) mem.load(s1++, 1) & 0xff);
            c2 = tolower((int) mem.load(s2++, 1) & 0xff);
        } while (c1 == c2 && c1 != 0);
        return c1 - c2;
    }

    /**
     * Models strncasecmp(): compares at most len bytes; a NUL on either side stops it with the raw
     * (signed char) difference, otherwise the difference of the first differing lowered bytes.
     */
    private long strncasecmp(long s1, long s2, long len) {
        if (len == 0) {
            return 0;
        }
        int c1;
        int c2;
        do {
            c1 = (byte) mem.load(s1++, 1);
            c2 = (byte) mem.load(s2++, 1);
            if (c1 == 0 || c2 == 0) {
                break;
            }
            if (c1 == c2) {
                continue;
            }
            c1 = tolower(c1 & 0xff);
            c2 = tolower(c2 & 0xff);
            if (c1 != c2) {
                break;
            }
        } while (--len != 0);
        return c1 - c2;
    }

    /** The kernel's tolower() (lib/ctype.c: A-Z and Latin-1's upper-case letters, 0xc0-0xde but 0xd7). */
    private static int tolower(int c) {
        boolean upper = (c >= 'A' && c <= 'Z') || (c >= 0xc0 && c <= 0xde && c != 0xd7);
        return upper ? c + 32 : c;
    }

    /** Models strlcpy(): copies at most size-1 bytes and a NUL (size > 0); returns strlen(src). */
    /** The bytes before the NUL at p (faulting where the memory does). */
    private long strlen(long p) {
        long n = 0;
        while (mem.load(p + n, 1) != 0) {
            n++;
        }
        return n;
    }

    private long strlcpy(long dest, long src, long size) {
        String str = b.cstr(src);
        if (size != 0) {
            int len = (int) Math.min(str.length(), size - 1);
            b.copy(dest, src, len);
            mem.store(dest + len, 1, 0);
        }
        return str.length();
    }

    /** Models strnstr(): the first s2 within the first len bytes of s1, or NULL. */
    private long strnstr(long s1, long s2, long len) {
        String needle = b.cstr(s2);
        int l2 = needle.length();
        if (l2 == 0) {
            return s1;
        }
        while (len >= l2) {
            len--;
            if (new String(mem.read(s1, l2), StandardCharsets.ISO_8859_1).equals(needle)) {
                return s1;
            }
            s1++;
        }
        return 0;
    }

    /**
     * Models memdup_user() and memdup_user_nul(): a kmalloc'd copy of len bytes at user address src
     * (a NUL after them for _nul). ERR_PTR(-ENOMEM) if the allocation fails (__GFP_NOWARN: silently),
     * ERR_PTR(-EFAULT) if the user range is not readable (the copy is freed).
     */
    private long memdupUser(long src, long len, boolean nul) {
        long size = nul ? len + 1 : len;
        long p = size > Slab.KMALLOC_MAX_SIZE || size < 0 ? 0 : k.slab().kmalloc(size);
        if (p == 0) {
            return ENOMEM;
        }
        for (long i = 0; i < len; i++) {
            if (!Layout.isUser(src + i)) {
                k.slab().kfree(p);
                return EFAULT;
            }
            try {
                mem.store(p + i, 1, mem.load(src + i, 1));
            } catch (PageFault pf) {
                if (!Layout.isUser(pf.address())) {
                    throw pf;
                }
                k.slab().kfree(p);
                return EFAULT;
            }
        }
        if (nul) {
            mem.store(p + len, 1, 0);
        }
        return p;
    }
}
