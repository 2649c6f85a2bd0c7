package dev.kplay.kernel.exec;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.mm.AddressSpace;
import dev.kplay.kernel.mm.Layout;
import dev.kplay.kernel.mm.MmStruct;
import dev.kplay.kernel.syscall.Errno;

import static dev.kplay.kernel.exec.SyscallEntry.UNMODELED;
import static dev.kplay.kernel.exec.UserSyscalls.HEAP_LIMIT;

/*
 * A user program's memory: brk(2), mmap(2) and munmap(2) as mm/mmap.c holds them, for the
 * anonymous private mappings kplay's libc asks for, charged to the process within HEAP_LIMIT
 * (RLIMIT_DATA kept small: the memory is the server's). Split from UserSyscalls, which stays the
 * table of entry points, along the kernel's file lines.
 */

/** The memory syscalls of user mode (mm/mmap.c). */
final class UserMmap {
    private final AddressSpace mem;

    UserMmap(Kernel k) {
        this.mem = k.memory();
    }

    /** Models sys_brk(): the new break, or the old one if the request is refused. */
    long brk(UserProcess up, long want) {
        MmStruct mm = up.mm();
        long old = mm.brk();
        if (want < mm.startBrk() || want - mm.startBrk() > HEAP_LIMIT) {
            return old;
        }
        long oldEnd = Layout.pageAlign(old);
        long newEnd = Layout.pageAlign(want);
        if (newEnd > oldEnd) {
            if (mm.charged() + (newEnd - oldEnd) > HEAP_LIMIT || !mem.chargeUser(mm, newEnd - oldEnd)) {
                return old;
            }
            mem.map(oldEnd, newEnd - oldEnd);
        } else if (newEnd < oldEnd) {
            mem.unmap(newEnd, oldEnd - newEnd);
            mem.unchargeUser(mm, oldEnd - newEnd);
        }
        mm.setBrk(want);
        return want;
    }

    /** Models sys_mmap() for anonymous private memory (the only kind kplay's libc asks for). */
    long mmap(UserProcess up, long addr, long len, int flags, int fd) {
        if ((flags & 0x20) == 0) {
            return UNMODELED;                       // a file mapping
        }
        if (len <= 0 || len > HEAP_LIMIT) {
            return -Errno.ENOMEM;
        }
        if (up.mm().charged() + Layout.pageAlign(len) > HEAP_LIMIT || !mem.chargeUser(up.mm(), Layout.pageAlign(len))) {
            return -Errno.ENOMEM;
        }
        long at = up.mm().takeMmap(len);
        mem.map(at, Layout.pageAlign(len));
        up.mm().addVma(new MmStruct.Vma(at, at + Layout.pageAlign(len), null, "rw-p"));
        return at;
    }

    /** Models __vm_munmap(): 0, or -EINVAL. */
    long munmap(UserProcess up, long addr, long len) {
        if ((addr & (Layout.PAGE_SIZE - 1)) != 0 || len <= 0) {
            return -Errno.EINVAL;
        }
        MmStruct.Vma v = up.mm().vmaAt(addr);
        if (v != null && v.file() == null && !v.name().startsWith("[")) {
            mem.unmap(addr, Layout.pageAlign(len));
            mem.unchargeUser(up.mm(), Layout.pageAlign(len));
        }
        return 0;
    }
}
