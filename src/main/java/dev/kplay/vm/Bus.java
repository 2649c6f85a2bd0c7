package dev.kplay.vm;

/*
 * The CPU's view of memory: the address space a task runs in, which the kernel's mm implements
 * with page tables. Every load, store and instruction fetch of module code goes through it, so
 * an absent page (freed .init sections, NULL, a wild pointer) is a page fault exactly where a
 * real CPU would take one.
 */

/** The address space seen by the CPU. Methods throw {@link PageFault} for an absent page. */
public interface Bus {
    /** Loads {@code size} (1, 2, 4, 8) little-endian bytes at addr, zero-extended. */
    long load(long addr, int size);

    /** Stores the low {@code size} bytes of value at addr, little-endian. */
    void store(long addr, int size, long value);

    /**
     * The module function that starts at addr, for a call; null if addr is not the start of module
     * code (the CPU then asks {@link Natives}). Throws PageFault(FETCH) if the page is absent.
     */
    Code fetch(long addr);

    // One method per width, for compiled code: each call site then inlines only the access it makes.

    default long load1(long addr) { return load(addr, 1); }

    default long load2(long addr) { return load(addr, 2); }

    default long load4(long addr) { return load(addr, 4); }

    default long load8(long addr) { return load(addr, 8); }

    default void store1(long addr, long value) { store(addr, 1, value); }

    default void store2(long addr, long value) { store(addr, 2, value); }

    default void store4(long addr, long value) { store(addr, 4, value); }

    default void store8(long addr, long value) { store(addr, 8, value); }

    /**
     * A number that changes whenever a page may get another frame or an address other code (unmap,
     * switch_mm, module code coming or going): what the CPU learned from {@link #writableBytes} or
     * {@link #fetch} stays true while it stays the same. -1 means it cannot be relied on.
     */
    default int epoch() {
        return -1;
    }

    /** Bytes in a page; {@link #writableBytes} hands out whole pages. */
    int PAGE_SIZE = 4096;

    /**
     * The frame backing [addr, addr+len) when that range lies in one page that a store could write
     * at once (present, already backed, at hand), else null. Writing there at {@code addr & (PAGE_SIZE-1)}
     * is the same as store(); a null only means "use store()", which faults where it must. The CPU
     * uses it to push a call frame with one lookup instead of one per slot.
     */
    default byte[] writableBytes(long addr, int len) {
        return null;
    }

    /**
     * The frame backing addr for loads when the CPU just reached it (its page at hand: present, any
     * frame, the zero page included), else null. Reading it at {@code addr & (PAGE_SIZE-1)} is the
     * same as load() until the next store through the bus, unmap or switch of address space.
     */
    default byte[] readableBytes(long addr) {
        return null;
    }
}
