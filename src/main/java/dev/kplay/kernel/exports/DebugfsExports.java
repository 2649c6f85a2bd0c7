package dev.kplay.kernel.exports;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.fs.DebugFs;
import dev.kplay.kernel.fs.Fops;
import dev.kplay.kernel.fs.SimpleAttr;
import dev.kplay.kernel.mm.AddressSpace;

import java.nio.charset.StandardCharsets;

/*
 * The debugfs API (fs/debugfs/inode.c, file.c) and fs/libfs.c's simple attributes. The value
 * files are what 6.1 makes them: debugfs_create_u8(…) is debugfs_create_file_unsafe() with the
 * kernel's own file_operations fops_u8, fops_u8_ro or fops_u8_wo (chosen by whether the mode has
 * write or read bits), whose open is simple_attr_open(debugfs_u8_get, debugfs_u8_set, "%llu\n"):
 * those objects are built here, in kernel data, with the getters and setters as kernel functions,
 * so a debugfs value file is opened, read and written through the same VFS path as a module's own
 * file_operations. bool and blob files have their own read/write (Y/N, raw bytes).
 */

/** debugfs and simple_attr exports. */
final class DebugfsExports {
    private static final int S_IWUGO = 0222, S_IRUGO = 0444, FOPS_SIZE = 272;

    private final Kernel k;
    private final ExportTable t;
    private final AddressSpace mem;
    private final Builtins builtins;
    private final DebugFs fs;
    private final SimpleAttr.Calls calls;

    DebugfsExports(Kernel k, Builtins builtins) {
        this.k = k;
        this.t = k.exports();
        this.mem = k.memory();
        this.builtins = builtins;
        this.fs = new DebugFs(k);
        this.calls = new SimpleAttr.Calls() {
            @Override
            public long call(long fn, long... args) {
                return k.callModule(fn, args);
            }

            @Override
            public long kzalloc(long size) {
                long a = k.slab().kmalloc(size);
                for (long i = 0; a != 0 && i < size; i++) {
                    mem.store(a + i, 1, 0);
                }
                return a;
            }

            @Override
            public void kfree(long addr) {
                k.slab().kfree(addr);
            }

            @Override
            public String format(long fmt, long val) {
                return Builtins.utf8(builtins.format(fmt, new long[] {val}, 0));
            }
        };
    }

    void register() {
        long simpleAttrRelease = t.function("simple_attr_release", 0x30, (a, s) -> SimpleAttr.release(mem, calls, a[1]));
        t.function("simple_attr_open", 0xa0, (a, s) -> SimpleAttr.open(mem, calls, a[0], a[1], a[2], a[3], a[4]));
        t.function("simple_attr_read", 0x150, (a, s) -> SimpleAttr.read(mem, calls, a[0], a[1], a[2], a[3]));
        t.function("simple_attr_write", 0x20, (a, s) -> SimpleAttr.write(mem, calls, a[0], a[1], a[2], false));
        t.function("simple_attr_write_signed", 0x20, (a, s) -> SimpleAttr.write(mem, calls, a[0], a[1], a[2], true));
        long attrRead = t.function("debugfs_attr_read", 0x60, (a, s) -> SimpleAttr.read(mem, calls, a[0], a[1], a[2], a[3]));
        long attrWrite = t.function("debugfs_attr_write", 0x20, (a, s) -> SimpleAttr.write(mem, calls, a[0], a[1], a[2], false));
        long attrWriteSigned = t.function("debugfs_attr_write_signed", 0x20,
                (a, s) -> SimpleAttr.write(mem, calls, a[0], a[1], a[2], true));
        long noLlseek = t.lookup("no_llseek");
        long defaultLlseek = t.lookup("default_llseek");
        long simpleOpen = t.kernelFunction("simple_open", 0x20, (a, s) -> SimpleAttr.simpleOpen(mem, a[0], a[1]));

        // the value files: {name, width in bytes, format, signed}
        Object[][] kinds = {{"u8", 1, "%llu\n", false}, {"u16", 2, "%llu\n", false}, {"u32", 4, "%llu\n", false},
                {"u64", 8, "%llu\n", false}, {"ulong", 8, "%llu\n", false}, {"x8", 1, "0x%02llx\n", false},
                {"x16", 2, "0x%04llx\n", false}, {"x32", 4, "0x%08llx\n", false}, {"x64", 8, "0x%016llx\n", false},
                {"size_t", 8, "%llu\n", false}, {"atomic_t", 4, "%lld\n", true}};
        for (Object[] kind : kinds) {
            String name = (String) kind[0];
            int width = (Integer) kind[1];
            boolean signed = (Boolean) kind[3];
            String base = name.startsWith("x") ? "u" + name.substring(1) : name;
            long get = t.address("debugfs_" + base + "_get");
            long set = t.address("debugfs_" + base + "_set");
            if (get == 0) {
                get = t.kernelFunction("debugfs_" + base + "_get", 0x20, (a, s) -> {
                    long v = mem.load(a[0], width);
                    mem.store(a[1], 8, signed ? (long) (int) v : v);
                    return 0;
                });
                set = t.kernelFunction("debugfs_" + base + "_set", 0x20, (a, s) -> {
                    mem.store(a[0], width, a[1]);
                    return 0;
                });
            }
            long fmt = t.internalObject("fmt_" + name, 16);
            mem.writeCString(fmt, (String) kind[2]);
            long write = signed ? attrWriteSigned : attrWrite;
            long[] fops = new long[3];
            String[] suffix = {"", "_ro", "_wo"};
            for (int v = 0; v < 3; v++) {
                long g = v == 2 ? 0 : get, st = v == 1 ? 0 : set;
                long open = t.kernelFunction("fops_" + name + suffix[v] + "_open", 0x30,
                        (a, s) -> SimpleAttr.open(mem, calls, a[0], a[1], g, st, fmt));
                fops[v] = kernelFops("fops_" + name + suffix[v], open, attrRead, write, simpleAttrRelease, noLlseek);
            }
            t.function("debugfs_create_" + name, 0x60, (a, s) -> {
                int mode = (int) a[1];
                long f = (mode & S_IWUGO) == 0 ? fops[1] : (mode & S_IRUGO) == 0 ? fops[2] : fops[0];
                fs.createFile(builtins.cstr(a[0]), mode, a[2], a[3], f, 0);
                return 0;
            });
        }

        long readBool = t.function("debugfs_read_file_bool", 0xb0, (a, s) -> {
            long buf = calls.kzalloc(8);
            if (buf == 0) {
                return -12;
            }
            mem.store(buf, 1, mem.load(mem.load(a[0] + dev.kplay.kernel.fs.Files.PRIVATE_DATA, 8), 1) != 0 ? 'Y' : 'N');
            mem.store(buf + 1, 1, '\n');
            long r = SimpleAttr.readFromBuffer(mem, a[1], a[2], a[3], buf, 2);
            calls.kfree(buf);
            return r;
        });
        long writeBool = t.function("debugfs_write_file_bool", 0xb0, (a, s) -> {
            // 6.1 stores the value only if kstrtobool_from_user() succeeded, and returns count either way
            byte[] in = SimpleAttr.fromUser(mem, a[1], (int) Math.min(a[2], 3));
            int b = in == null ? -14 : kstrtobool(new String(in, StandardCharsets.ISO_8859_1));
            if (b >= 0) {
                mem.store(mem.load(a[0] + dev.kplay.kernel.fs.Files.PRIVATE_DATA, 8), 1, b);
            }
            return a[2];
        });
        long[] boolFops = {kernelFops("fops_bool", simpleOpen, readBool, writeBool, 0, defaultLlseek),
                kernelFops("fops_bool_ro", simpleOpen, readBool, 0, 0, defaultLlseek),
                kernelFops("fops_bool_wo", simpleOpen, 0, writeBool, 0, defaultLlseek)};
        t.function("debugfs_create_bool", 0x60, (a, s) -> {
            int mode = (int) a[1];
            long f = (mode & S_IWUGO) == 0 ? boolFops[1] : (mode & S_IRUGO) == 0 ? boolFops[2] : boolFops[0];
            fs.createFile(builtins.cstr(a[0]), mode, a[2], a[3], f, 0);
            return 0;
        });

        long readBlob = t.kernelFunction("read_file_blob", 0x60, (a, s) -> {
            long blob = mem.load(a[0] + dev.kplay.kernel.fs.Files.PRIVATE_DATA, 8);
            return SimpleAttr.readFromBuffer(mem, a[1], a[2], a[3], mem.load(blob, 8), mem.load(blob + 8, 8));
        });
        long blobFops = kernelFops("fops_blob", simpleOpen, readBlob, 0, 0, defaultLlseek);
        t.function("debugfs_create_blob", 0x40, (a, s) -> fs.createFile(builtins.cstr(a[0]), (int) a[1] & 0444, a[2], a[3],
                blobFops, 0));

        long u32ArrayRead = t.kernelFunction("u32_array_read", 0x60, (a, s) -> {
            long text = mem.load(a[0] + dev.kplay.kernel.fs.Files.PRIVATE_DATA, 8);
            return SimpleAttr.readFromBuffer(mem, a[1], a[2], a[3], text, mem.readCString(text, 1 << 16).length());
        });
        long u32ArrayOpen = t.kernelFunction("u32_array_open", 0x100, (a, s) -> {
            long array = mem.load(a[0] + dev.kplay.kernel.fs.Files.I_PRIVATE, 8);
            long elems = mem.load(array, 8);
            int n = (int) mem.load(array + 8, 4);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                sb.append(mem.load(elems + 4L * i, 4)).append(i == n - 1 ? '\n' : ' ');
            }
            long buf = calls.kzalloc(sb.length() + 1L);
            if (buf == 0) {
                return -12;
            }
            mem.writeCString(buf, sb.toString());
            mem.store(a[1] + dev.kplay.kernel.fs.Files.PRIVATE_DATA, 8, buf);
            dev.kplay.kernel.fs.Files.clearMode(mem, a[1], dev.kplay.kernel.fs.Files.FMODE_LSEEK
                    | dev.kplay.kernel.fs.Files.FMODE_PREAD | dev.kplay.kernel.fs.Files.FMODE_PWRITE);
            return 0;
        });
        long u32ArrayRelease = t.kernelFunction("u32_array_release", 0x20, (a, s) -> {
            calls.kfree(mem.load(a[1] + dev.kplay.kernel.fs.Files.PRIVATE_DATA, 8));
            return 0;
        });
        long u32ArrayFops = kernelFops("u32_array_fops", u32ArrayOpen, u32ArrayRead, 0, u32ArrayRelease, noLlseek);
        t.function("debugfs_create_u32_array", 0x40, (a, s) -> {
            fs.createFile(builtins.cstr(a[0]), (int) a[1], a[2], a[3], u32ArrayFops, 0);
            return 0;
        });

        t.function("debugfs_create_dir", 0x1a0, (a, s) -> fs.createDir(builtins.cstr(a[0]), a[1]));
        t.function("debugfs_create_file", 0x40, (a, s) -> fs.createFile(builtins.cstr(a[0]), (int) a[1], a[2], a[3], a[4], 0));
        t.function("debugfs_create_file_unsafe", 0x40,
                (a, s) -> fs.createFile(builtins.cstr(a[0]), (int) a[1], a[2], a[3], a[4], 0));
        t.function("debugfs_create_file_size", 0x50, (a, s) -> {
            fs.createFile(builtins.cstr(a[0]), (int) a[1], a[2], a[3], a[4], a[5]);
            return 0;
        });
        t.function("debugfs_remove", 0x70, (a, s) -> {
            fs.remove(a[0]);
            return 0;
        });
        t.function("debugfs_lookup", 0x70, (a, s) -> fs.lookup(builtins.cstr(a[0]), a[1]));
        t.function("debugfs_lookup_and_remove", 0x70, (a, s) -> {
            fs.remove(fs.lookup(builtins.cstr(a[0]), a[1]));
            return 0;
        });
        t.function("debugfs_initialized", 0x10, (a, s) -> 1);
    }

    /** A struct file_operations of the kernel's own (no owner) in kernel data. */
    private long kernelFops(String name, long open, long read, long write, long release, long llseek) {
        long f = t.internalObject(name, FOPS_SIZE);
        mem.store(f + Fops.OPEN, 8, open);
        mem.store(f + Fops.READ, 8, read);
        mem.store(f + Fops.WRITE, 8, write);
        mem.store(f + Fops.RELEASE, 8, release);
        mem.store(f + Fops.LLSEEK, 8, llseek);
        return f;
    }

    /** Models kstrtobool(): 1, 0, or -EINVAL. */
    static int kstrtobool(String s) {
        if (s.isEmpty()) {
            return -22;
        }
        switch (s.charAt(0)) {
            case 'y', 'Y', 't', 'T', '1' -> {
                return 1;
            }
            case 'n', 'N', 'f', 'F', '0' -> {
                return 0;
            }
            case 'o', 'O' -> {
                char c = s.length() > 1 ? s.charAt(1) : 0;
                return c == 'n' || c == 'N' ? 1 : c == 'f' || c == 'F' ? 0 : -22;
            }
            default -> {
                return -22;
            }
        }
    }
}
