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
}
