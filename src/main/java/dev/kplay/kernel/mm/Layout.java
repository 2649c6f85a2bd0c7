package dev.kplay.kernel.mm;

/*
 * The x86-64 virtual memory map (Documentation/x86/x86_64/mm.rst, 4-level paging) with KASLR
 * switched off, so every session sees the same addresses. Only the regions kplay uses are here.
 */

/** Address-space constants. */
public final class Layout {
    public static final int PAGE_SHIFT = 12;
    public static final long PAGE_SIZE = 1L << PAGE_SHIFT;
    public static final long PAGE_MASK = ~(PAGE_SIZE - 1);

    /** First address above user space (TASK_SIZE_MAX + one page). */
    public static final long USER_END = 0x0000800000000000L;
    /** Where the kernel maps user buffers it hands to module code (a task's stack area). */
    public static final long USER_BUFFER = 0x00007ffd84730000L;
    /** page_offset_base: the direct map, where kmalloc memory lives. */
    public static final long DIRECT_MAP = 0xffff888000000000L;
    /** vmalloc_base: vmalloc and task stacks (VMAP_STACK). */
    public static final long VMALLOC = 0xffffc90000000000L;
    /** Kernel text (__START_KERNEL_map + 16 MiB): exported functions have addresses here. */
    public static final long KERNEL_TEXT = 0xffffffff81000000L;
    /** Kernel data: exported objects (jiffies, param_ops_*) live here. */
    public static final long KERNEL_DATA = 0xffffffff82600000L;
    /** MODULES_VADDR. */
    public static final long MODULES = 0xffffffffc0000000L;
    /** Where kplay's module_alloc starts handing out space (below it: the distro's own modules). */
    public static final long MODULES_FIRST = 0xffffffffc0300000L;

    private Layout() {}

    /** Round up to a page multiple. */
    public static long pageAlign(long n) {
        return (n + PAGE_SIZE - 1) & PAGE_MASK;
    }

    /** Whether addr is a user-space address. */
    public static boolean isUser(long addr) {
        return Long.compareUnsigned(addr, USER_END) < 0;
    }
}
