package dev.kplay.kernel.exec;

import dev.kplay.kernel.mm.AddressSpace;
import dev.kplay.kernel.mm.Layout;
import dev.kplay.vm.Bus;
import dev.kplay.vm.Code;
import dev.kplay.vm.PageFault;

/*
 * The CPU's bus in user mode (CPL 3): the same page tables, but every page of the kernel half is
 * a supervisor page, so a user load, store or fetch there faults with the protection bit set, as
 * the U/S bit makes it on x86. User pages go through the active mm (see AddressSpace.switchMm).
 */

/** Memory as a user program sees it. */
final class UserBus implements Bus {
    private final AddressSpace mem;

    UserBus(AddressSpace mem) {
        this.mem = mem;
    }

    @Override
    public long load(long addr, int size) {
        check(addr, size, PageFault.Access.READ);
        return mem.load(addr, size);
    }

    @Override
    public void store(long addr, int size, long value) {
        check(addr, size, PageFault.Access.WRITE);
        mem.store(addr, size, value);
    }

    @Override
    public Code fetch(long addr) {
        check(addr, 1, PageFault.Access.FETCH);
        return mem.fetch(addr);
    }

    private static void check(long addr, int size, PageFault.Access access) {
        if (!Layout.isUser(addr) || !Layout.isUser(addr + size - 1)) {
            throw new PageFault(Layout.isUser(addr) ? Layout.USER_END : addr, access);
        }
    }
}
