package dev.kplay.kernel.fs;

import dev.kplay.kernel.mm.AddressSpace;
import dev.kplay.kernel.mm.Layout;
import dev.kplay.kernel.module.Kstrto;
import dev.kplay.vm.PageFault;

import java.nio.charset.StandardCharsets;

/*
 * fs/libfs.c's simple attributes (DEFINE_SIMPLE_ATTRIBUTE, DEFINE_DEBUGFS_ATTRIBUTE, and every
 * debugfs_create_u8/x32/... file): simple_attr_open() keeps get, set, the data (inode->i_private)
 * and the format in a struct simple_attr; simple_attr_read() formats get()'s value into get_buf
 * on the first read (position 0) and serves later reads from it; simple_attr_write() takes at most
 * 23 bytes, parses them with kstrtoull(…, 0) (kstrtoll for the signed variant) and calls set().
 * Without get (or set) the read (or write) fails with EACCES. simple_read_from_buffer() and
 * simple_open() are here too. get and set run through {@link Calls}: module code nested on the
 * calling task, or the kernel's own debugfs getters.
 *
 * struct simple_attr (kplay): get@0 set@8 get_buf[24]@16 set_buf[24]@40 data@64 fmt@72 mutex@80.
 */

/** Simple attribute files. */
public final class SimpleAttr {
    public static final int SIZE = 112, GET = 0, SET = 8, GET_BUF = 16, SET_BUF = 40, DATA = 64, FMT = 72, BUF_LEN = 24;
    static final int EACCES = 13, EFAULT = 14, ENOMEM = 12, EINVAL = 22;

    /** What the attribute code needs of the kernel: calls of get/set, kmalloc, formatting. */
    public interface Calls {
        long call(long fn, long... args);

        long kzalloc(long size);

        void kfree(long addr);

        /** vsnprintf(fmt, val) with fmt at an address. */
        String format(long fmt, long val);
    }

    private SimpleAttr() {}

    /** Models simple_attr_open(): the struct simple_attr in file->private_data, then nonseekable_open(). 0 or -ENOMEM. */
    public static long open(AddressSpace mem, Calls c, long inode, long file, long get, long set, long fmt) {
        long attr = c.kzalloc(SIZE);
        if (attr == 0) {
            return -ENOMEM;
        }
        mem.store(attr + GET, 8, get);
        mem.store(attr + SET, 8, set);
        mem.store(attr + DATA, 8, mem.load(inode + Files.I_PRIVATE, 8));
        mem.store(attr + FMT, 8, fmt);
        mem.store(file + Files.PRIVATE_DATA, 8, attr);
        Files.clearMode(mem, file, Files.FMODE_LSEEK | Files.FMODE_PREAD | Files.FMODE_PWRITE);
        return 0;
    }

    /** Models simple_attr_release(): frees the struct simple_attr; 0. */
    public static long release(AddressSpace mem, Calls c, long file) {
        c.kfree(mem.load(file + Files.PRIVATE_DATA, 8));
        return 0;
    }

    /** Models simple_attr_read(file, buf, len, ppos): bytes read or -errno. */
    public static long read(AddressSpace mem, Calls c, long file, long buf, long len, long ppos) {
        long attr = mem.load(file + Files.PRIVATE_DATA, 8);
        long get = mem.load(attr + GET, 8);
        if (get == 0) {
            return -EACCES;
        }
        long size;
        if (mem.load(ppos, 8) != 0 && mem.load(attr + GET_BUF, 1) != 0) {
            size = mem.readCString(attr + GET_BUF, BUF_LEN).length();
        } else {
            long val = c.kzalloc(8);
            if (val == 0) {
                return -ENOMEM;
            }
            long r = (int) c.call(get, mem.load(attr + DATA, 8), val);
            long v = mem.load(val, 8);
            c.kfree(val);
            if (r != 0) {
                return r;
            }
            byte[] text = c.format(mem.load(attr + FMT, 8), v).getBytes(StandardCharsets.ISO_8859_1);
            size = Math.min(text.length, BUF_LEN - 1);
            for (int i = 0; i < size; i++) {
                mem.store(attr + GET_BUF + i, 1, text[i]);
            }
            mem.store(attr + GET_BUF + size, 1, 0);
        }
        return readFromBuffer(mem, buf, len, ppos, attr + GET_BUF, size);
    }

    /** Models simple_attr_write_xsigned(): len on success, or -EACCES, -EFAULT, -EINVAL, -ERANGE, set()'s error. */
    public static long write(AddressSpace mem, Calls c, long file, long buf, long len, boolean signed) {
        long attr = mem.load(file + Files.PRIVATE_DATA, 8);
        long set = mem.load(attr + SET, 8);
        if (set == 0) {
            return -EACCES;
        }
        int size = (int) Math.min(BUF_LEN - 1, len);
        byte[] in = fromUser(mem, buf, size);
        if (in == null) {
            return -EFAULT;
        }
        for (int i = 0; i < size; i++) {
            mem.store(attr + SET_BUF + i, 1, in[i]);
        }
        mem.store(attr + SET_BUF + size, 1, 0);
        long[] val = new long[1];
        long r = Kstrto.parse(mem.readCString(attr + SET_BUF, BUF_LEN), 0, signed, 8, val);
        if (r != 0) {
            return r;
        }
        r = (int) c.call(set, mem.load(attr + DATA, 8), val[0]);
        return r == 0 ? len : r;
    }

    /** Models simple_open(): private_data = inode->i_private when there is one; 0. */
    public static long simpleOpen(AddressSpace mem, long inode, long file) {
        long priv = mem.load(inode + Files.I_PRIVATE, 8);
        if (priv != 0) {
            mem.store(file + Files.PRIVATE_DATA, 8, priv);
        }
        return 0;
    }

    /** Models simple_read_from_buffer(to, count, ppos, from, available): bytes copied or -errno. */
    public static long readFromBuffer(AddressSpace mem, long to, long count, long ppos, long from, long available) {
        long pos = mem.load(ppos, 8);
        if (pos < 0) {
            return -EINVAL;
        }
        if (pos >= available || count == 0) {
            return 0;
        }
        long n = Math.min(count, available - pos);
        long done = 0;
        for (; done < n; done++) {
            if (!Layout.isUser(to + done)) {
                break;
            }
            try {
                mem.store(to + done, 1, mem.load(from + pos + done, 1));
            } catch (PageFault pf) {
                if (!Layout.isUser(pf.address())) {
                    throw pf;
                }
                break;
            }
        }
        if (done == 0) {
            return -EFAULT;
        }
        mem.store(ppos, 8, pos + done);
        return done;
    }

    /** copy_from_user of n bytes, or null on a fault. */
    public static byte[] fromUser(AddressSpace mem, long from, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            if (!Layout.isUser(from + i)) {
                return null;
            }
            try {
                b[i] = (byte) mem.load(from + i, 1);
            } catch (PageFault pf) {
                return null;
            }
        }
        return b;
    }
}
