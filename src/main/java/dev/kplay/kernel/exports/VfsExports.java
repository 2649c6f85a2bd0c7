package dev.kplay.kernel.exports;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.fs.Files;
import dev.kplay.kernel.fs.ReadWrite;
import dev.kplay.kernel.fs.Select;
import dev.kplay.kernel.mm.AddressSpace;

/*
 * The VFS helpers a driver names in its file_operations or calls from its open: the llseek family
 * (fs/read_write.c, bodies in fs/ReadWrite), nonseekable_open/stream_open/generic_file_open
 * (fs/open.c), the iov_iter copies read_iter/write_iter use (lib/iov_iter.c, fs/IovIter), and the two kernel functions poll(2)'s poll_table reaches through pointers,
 * __pollwait and pollwake (fs/select.c, bodies in fs/Select), which modules cannot link against.
 */

/** VFS exports: llseek helpers, open helpers, poll_table functions. */
final class VfsExports {
    private final Kernel k;
    private final ExportTable t;
    private final AddressSpace mem;

    VfsExports(Kernel k) {
        this.k = k;
        this.t = k.exports();
        this.mem = k.memory();
    }

    void register() {
        t.function("default_llseek", 0x100, (a, s) -> ReadWrite.defaultLlseek(mem, a[0], a[1], (int) a[2]));
        t.function("generic_file_llseek", 0x40, (a, s) -> ReadWrite.genericFileLlseek(mem, a[0], a[1], (int) a[2]));
        t.function("generic_file_llseek_size", 0x100,
                (a, s) -> ReadWrite.genericFileLlseekSize(mem, a[0], a[1], (int) a[2], a[3], a[4]));
        t.function("fixed_size_llseek", 0x30, (a, s) -> ReadWrite.fixedSizeLlseek(mem, a[0], a[1], (int) a[2], a[3]));
        t.function("no_seek_end_llseek", 0x30,
                (a, s) -> ReadWrite.noSeekEndLlseekSize(mem, a[0], a[1], (int) a[2], ReadWrite.MAX_LFS_FILESIZE));
        t.function("no_seek_end_llseek_size", 0x30, (a, s) -> ReadWrite.noSeekEndLlseekSize(mem, a[0], a[1], (int) a[2], a[3]));
        t.function("noop_llseek", 0x10, (a, s) -> ReadWrite.noopLlseek(mem, a[0]));
        t.function("no_llseek", 0x10, (a, s) -> ReadWrite.noLlseek());
        // A 32-bit process's ioctl goes to f_op->compat_ioctl; kplay runs 64-bit programs only, so a
        // module's .compat_ioctl is never called by the VFS (as on 6.1 for a 64-bit caller), but a
        // module may call this one itself: it passes the call on to unlocked_ioctl (compat_ptr()
        // of a 64-bit value is the value).
        t.function("compat_ptr_ioctl", 0x40, (a, s) -> {
            long fn = mem.load(mem.load(a[0] + Files.F_OP, 8) + dev.kplay.kernel.fs.Fops.UNLOCKED_IOCTL, 8);
            return fn == 0 ? -515 : k.callModule(fn, a[0], a[1] & 0xffffffffL, a[2]);   // -ENOIOCTLCMD
        });
        t.function("vfs_setpos", 0x40, (a, s) -> ReadWrite.vfsSetpos(mem, a[0], a[1], a[2]));
        t.function("nonseekable_open", 0x20, (a, s) -> {
            Files.clearMode(mem, a[1], Files.FMODE_LSEEK | Files.FMODE_PREAD | Files.FMODE_PWRITE);
            return 0;
        });
        t.function("stream_open", 0x30, (a, s) -> {
            Files.clearMode(mem, a[1], Files.FMODE_LSEEK | Files.FMODE_PREAD | Files.FMODE_PWRITE | Files.FMODE_ATOMIC_POS);
            mem.store(a[1] + Files.MODE, 4, Files.mode(mem, a[1]) | Files.FMODE_STREAM);
            return 0;
        });
        // generic_file_open(): -EOVERFLOW only for a >2 GiB file opened without O_LARGEFILE, which 64-bit opens always have
        t.function("generic_file_open", 0x30, (a, s) -> 0);
        t.function("_copy_to_iter", 0x4a0, (a, s) -> dev.kplay.kernel.fs.IovIter.copyTo(mem, a[0], a[1], a[2]));
        t.function("_copy_from_iter", 0x4a0, (a, s) -> dev.kplay.kernel.fs.IovIter.copyFrom(mem, a[0], a[1], a[2]));
        t.function("iov_iter_init", 0x60, (a, s) -> {
            dev.kplay.kernel.fs.IovIter.init(mem, a[0], (int) a[1], a[2], a[3], a[4]);
            return 0;
        });
        t.kernelFunction("__pollwait", 0x130, (a, s) -> Select.pollwait(k, a[0], a[1], a[2]));
        long pollwake = t.kernelFunction("pollwake", 0x80, (a, s) -> Select.pollwake(mem, a[0]));
        k.waits().setPollwake(pollwake, entry -> Select.pollwake(mem, entry));
    }
}
