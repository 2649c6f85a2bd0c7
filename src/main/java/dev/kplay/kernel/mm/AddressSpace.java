package dev.kplay.kernel.mm;

import dev.kplay.vm.Bus;
import dev.kplay.vm.Code;
import dev.kplay.vm.PageFault;

import java.util.Map;
import java.util.TreeMap;

import static dev.kplay.kernel.mm.CowFrames.ZERO_PAGE;
import static dev.kplay.kernel.mm.CowFrames.writable;

/*
 * The page tables of the simulated machine: one map from page frame number to a 4 KiB byte array
 * (present pages only), plus the code registry that says which module function starts where. It
 * is the Bus the CPU sees. There is one address space per kernel: the kernel half is shared by
 * every task anyway, and the only user memory kplay maps is the buffer of the task currently in a
 * syscall.
 *
 * Invariant: a page is present iff it is a key of {@code pages}; unmapping a page makes every
 * later load, store or fetch there a page fault, which is how freed .init sections fault.
 *
 * Pages are backed only once written, as Linux maps fresh anonymous memory to the shared zero page
 * and copies on the first write: a mapped page starts as ZERO_PAGE (read as zeros, never written)
 * and gets a frame of its own at its first store. So a session that kmallocs 64 MiB and touches a
 * few bytes costs the heap a few pages; the budget counts backed pages for the whole server.
 *
 * The pages a boot writes (kernel data, the first slab objects) come out the same on every kernel of
 * the same image: freezeBootPages() swaps each for one frozen copy that all such kernels share, and
 * the first store to it copies it back (copy-on-write, as the zero page). Those read-only frames are
 * CowFrames'; this class is the one kernel's page maps and the Bus over them, its loads and stores
 * one method per access width (the compiled tier inlines them, so they stay side by side here).
 */

/** Paged, byte-addressed memory. */
public final class AddressSpace implements Bus {
    /** Frames mapped with mapShared (kernel text): never counted as backed. */
    private final java.util.Set<byte[]> shared = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    private final LongMap<byte[]> kernelPages = new LongMap<>();
    /** The page map user addresses go to: the active mm's, or the machine's own while no process has one. */
    private LongMap<byte[]> userPages = kernelPages;
    private final TreeMap<Long, Code> kernelCode = new TreeMap<>(Long::compareUnsigned);
    private TreeMap<Long, Code> userCode = kernelCode;
    /** The process whose user half is mapped (switch_mm), or null. */
    private MmStruct activeMm;
    private final PageBudget budget;
    /** Pages with a frame of their own (written since mapped). */
    private long backed;
    /** A direct-mapped TLB in front of the page maps (see tlbSlot). */
    private static final int TLB_BITS = 7;
    private static final int TLB_SIZE = 1 << TLB_BITS;
    private final long[] tlbPfn = new long[TLB_SIZE];
    private final byte[][] tlbPage = new byte[TLB_SIZE][];
    /** Little-endian views of a page's bytes, so a 2-, 4- or 8-byte access is one load or store. */
    private static final java.lang.invoke.VarHandle SHORT = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            short[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final java.lang.invoke.VarHandle INT = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            int[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final java.lang.invoke.VarHandle LONG = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    /** A direct-mapped cache of fetch(): the function that starts at an address (cleared when code comes or goes). */
    private final long[] fetchAddr = new long[FETCH_CACHE];
    private final Code[] fetchCode = new Code[FETCH_CACHE];
    private static final int FETCH_CACHE = 16;
    /** Bumped whenever the TLB or the fetch cache is flushed (see Bus.epoch). */
    private int epoch;

    /**
     * The end of boot: each page the boot wrote becomes the shared frozen copy of its bytes (made
     * from this one if none exists yet), so it costs the heap once for all kernels until written.
     * Called again once a session has set its new kernel up (files, shell), for the pages that
     * writes.
     */
    public void freezeBootPages() {
        for (int i = 0; i < kernelPages.capacity(); i++) {
            byte[] p = kernelPages.valueAt(i);
            if (p == null || !writable(p) || shared.contains(p)) {
                continue;
            }
            byte[] frozen = CowFrames.freeze(kernelPages.keyAt(i), p);
            if (frozen != null) {
                kernelPages.setValueAt(i, frozen);
                backed--;
                budget.pagesBacked(-1);
            }
        }
        java.util.Arrays.fill(tlbPage, null);
        epoch++;
    }

    public AddressSpace() {
        this(PageBudget.unlimited());
    }

    public AddressSpace(PageBudget budget) {
        this.budget = budget;
    }

    /** The page map that holds addr's page. */
    private LongMap<byte[]> pagesOf(long addr) {
        return Layout.isUser(addr) ? userPages : kernelPages;
    }

    private TreeMap<Long, Code> codeOf(long addr) {
        return Layout.isUser(addr) ? userCode : kernelCode;
    }

    /**
     * Models switch_mm(): user addresses now reach {@code mm}'s pages (null: the machine's own user
     * half, where kplay maps the buffers of shell commands' syscalls). The TLB is flushed.
     */
    public void switchMm(MmStruct mm) {
        if (mm == activeMm) {
            return;
        }
        activeMm = mm;
        userPages = mm == null ? kernelPages : mm.pages;
        userCode = mm == null ? kernelCode : mm.code;
        java.util.Arrays.fill(tlbPage, null);
        java.util.Arrays.fill(fetchCode, null);
        epoch++;
    }

    /**
     * Reserves user memory of a process (brk, anonymous mmap) from the server's pool, as kmalloc
     * reserves kernel memory: false if the pool cannot cover it (the call then fails with ENOMEM).
     */
    public boolean chargeUser(MmStruct mm, long bytes) {
        if (!budget.charge(bytes)) {
            return false;
        }
        mm.charged += bytes;
        userCharged += bytes;
        return true;
    }

    /** Gives back user memory reserved by {@link #chargeUser}. */
    public void unchargeUser(MmStruct mm, long bytes) {
        long b = Math.min(bytes, mm.charged);
        mm.charged -= b;
        userCharged -= b;
        budget.uncharge(b);
    }

    /** User memory of all processes reserved from the pool (given back when the machine goes). */
    private long userCharged;

    /** The mm whose user half is mapped now, or null. */
    public MmStruct activeMm() { return activeMm; }

    /** Frees every page of an mm that is going away (exit_mmap()); switches away from it first. */
    public void dropMm(MmStruct mm) {
        if (activeMm == mm) {
            switchMm(null);
        }
        for (int i = 0; i < mm.pages.capacity(); i++) {
            byte[] frame = mm.pages.valueAt(i);
            if (frame != null) {
                unback(frame);
            }
        }
        mm.pages.clear();
        mm.code.clear();
        epoch++;
        unchargeUser(mm, mm.charged);
    }

    /** A frame leaves the page tables: if it was the address space's own, the budget gets it back. */
    private void unback(byte[] frame) {
        if (writable(frame) && !shared.contains(frame)) {
            backed--;
            budget.pagesBacked(-1);
        }
    }

    /** Maps zeroed pages over [addr, addr+len). Pages already present are kept. */
    public void map(long addr, long len) {
        for (long p = addr & Layout.PAGE_MASK; Long.compareUnsigned(p, addr + len) < 0; p += Layout.PAGE_SIZE) {
            pagesOf(p).putIfAbsent(p >>> Layout.PAGE_SHIFT, ZERO_PAGE);
        }
    }

    /** Zeroes [addr, addr+len) of mapped memory; pages still on the zero page stay unbacked. */
    public void zero(long addr, long len) {
        long end = addr + len;
        for (long a = addr; Long.compareUnsigned(a, end) < 0; ) {
            long pageEnd = (a & Layout.PAGE_MASK) + Layout.PAGE_SIZE;
            long stop = Long.compareUnsigned(pageEnd, end) < 0 ? pageEnd : end;
            byte[] p = pagesOf(a).get(a >>> Layout.PAGE_SHIFT);
            if (p == null) {
                throw new PageFault(a, PageFault.Access.WRITE);
            }
            if (p != ZERO_PAGE) {
                if (!writable(p)) {
                    p = walk(a, PageFault.Access.WRITE);
                }
                java.util.Arrays.fill(p, (int) (a & (Layout.PAGE_SIZE - 1)), (int) (stop - (a & Layout.PAGE_MASK)), (byte) 0);
            }
            a = stop;
        }
    }

    /** Pages with a frame of their own. */
    public long backedPages() {
        return backed;
    }

    /** Gives every backed page back to the budget (the kernel is being torn down). */
    public void release() {
        budget.pagesBacked(-backed);
        backed = 0;
        budget.uncharge(userCharged);
        userCharged = 0;
        kernelPages.clear();
        kernelCode.clear();
        java.util.Arrays.fill(tlbPage, null);
        epoch++;
    }

    /**
     * Maps [addr, addr+len) to one shared page (kernel text: its bytes are never written, so all of
     * it can share a single frame instead of a page per function).
     */
    public void mapShared(long addr, long len, byte[] frame) {
        shared.add(frame);
        for (long p = addr & Layout.PAGE_MASK; Long.compareUnsigned(p, addr + len) < 0; p += Layout.PAGE_SIZE) {
            pagesOf(p).putIfAbsent(p >>> Layout.PAGE_SHIFT, frame);
        }
    }

    /** Unmaps the pages over [addr, addr+len) and forgets code there. */
    public void unmap(long addr, long len) {
        for (long p = addr & Layout.PAGE_MASK; Long.compareUnsigned(p, addr + len) < 0; p += Layout.PAGE_SIZE) {
            byte[] frame = pagesOf(p).remove(p >>> Layout.PAGE_SHIFT);
            if (frame != null) {
                unback(frame);
            }
        }
        codeOf(addr).subMap(addr, true, addr + len, false).clear();
        java.util.Arrays.fill(tlbPage, null);
        java.util.Arrays.fill(fetchCode, null);
        epoch++;
    }

    public boolean present(long addr) {
        return pagesOf(addr).containsKey(addr >>> Layout.PAGE_SHIFT);
    }

    /** Number of present pages (for meminfo). */
    public int presentPages() {
        return kernelPages.size();
    }

    /** Registers a decoded function at its address (its pages must be mapped). */
    public void registerCode(Code c) {
        codeOf(c.address()).put(c.address(), c);
        java.util.Arrays.fill(fetchCode, null);
        epoch++;
    }

    /** The module function containing addr, or null (for kallsyms and oops RIPs). */
    public Code codeContaining(long addr) {
        Map.Entry<Long, Code> e = codeOf(addr).floorEntry(addr);
        if (e == null) {
            return null;
        }
        Code c = e.getValue();
        return Long.compareUnsigned(addr, c.address() + c.size()) < 0 ? c : null;
    }

    private byte[] page(long addr, PageFault.Access access) {
        long pfn = addr >>> Layout.PAGE_SHIFT;
        int slot = tlbSlot(pfn);
        byte[] p = tlbPage[slot];
        if (p != null && tlbPfn[slot] == pfn) {
            return p;
        }
        return walk(addr, access);
    }

    /**
     * The TLB entry of a page frame number: its low bits, so consecutive pages (an array) never
     * share an entry, folded with the higher bits, so the regions a hot loop touches at once
     * (module text and data, the top of a 16 KiB-aligned stack) do not land on the same entries.
     */
    private static int tlbSlot(long pfn) {
        return (int) (pfn ^ (pfn >>> TLB_BITS) ^ (pfn >>> (2 * TLB_BITS))) & (TLB_SIZE - 1);
    }

    /** The TLB missed: the page tables. Zero pages are cached for loads and fetches too (a store checks). */
    private byte[] walk(long addr, PageFault.Access access) {
        long pfn = addr >>> Layout.PAGE_SHIFT;
        LongMap<byte[]> map = pagesOf(addr);
        byte[] p = map.get(pfn);
        if (p == null) {
            throw new PageFault(addr, access);
        }
        if (!writable(p) && access == PageFault.Access.WRITE) {
            p = java.util.Arrays.copyOf(p, (int) Layout.PAGE_SIZE);
            map.put(pfn, p);
            backed++;
            budget.pagesBacked(1);
        }
        int slot = tlbSlot(pfn);
        tlbPfn[slot] = pfn;
        tlbPage[slot] = p;
        return p;
    }

    /** The page at addr for a store: a zero page gets a private frame first (copy-on-write). */
    private byte[] writablePage(long addr) {
        long pfn = addr >>> Layout.PAGE_SHIFT;
        int slot = tlbSlot(pfn);
        byte[] p = tlbPage[slot];
        if (p != null && tlbPfn[slot] == pfn && writable(p)) {
            return p;
        }
        return walk(addr, PageFault.Access.WRITE);
    }

    @Override
    public int epoch() {
        return epoch;
    }

    @Override
    public byte[] readableBytes(long addr) {
        return hit(addr, 1);
    }

    @Override
    public byte[] writableBytes(long addr, int len) {
        if ((addr & (Layout.PAGE_SIZE - 1)) + len > Layout.PAGE_SIZE) {
            return null;
        }
        long pfn = addr >>> Layout.PAGE_SHIFT;
        int slot = tlbSlot(pfn);
        byte[] p = tlbPage[slot];
        return p != null && tlbPfn[slot] == pfn && writable(p) ? p : null;
    }

    // load and store are the CPU's hottest calls, inlined into compiled module code many times over:
    // the TLB hit stays small (bytes assembled by hand, no VarHandle chain to inline), the rest is out of line.

    @Override
    public long load(long addr, int size) {
        return switch (size) {
            case 1 -> load1(addr);
            case 2 -> load2(addr);
            case 4 -> load4(addr);
            case 8 -> load8(addr);
            default -> loadSlow(addr, size);
        };
    }

    /** The TLB's page for addr if it holds len bytes from addr, else null (then the slow path decides). */
    private byte[] hit(long addr, int len) {
        long pfn = addr >>> Layout.PAGE_SHIFT;
        int slot = tlbSlot(pfn);
        byte[] p = tlbPage[slot];
        return p != null && tlbPfn[slot] == pfn && ((int) addr & (int) (Layout.PAGE_SIZE - 1)) + len <= Layout.PAGE_SIZE
                ? p : null;
    }

    @Override
    public long load1(long addr) {
        byte[] p = hit(addr, 1);
        return p == null ? loadSlow(addr, 1) : p[(int) addr & 0xfff] & 0xffL;
    }

    @Override
    public long load2(long addr) {
        byte[] p = hit(addr, 2);
        return p == null ? loadSlow(addr, 2) : (short) SHORT.get(p, (int) addr & 0xfff) & 0xffffL;
    }

    @Override
    public long load4(long addr) {
        byte[] p = hit(addr, 4);
        return p == null ? loadSlow(addr, 4) : (int) INT.get(p, (int) addr & 0xfff) & 0xffffffffL;
    }

    @Override
    public long load8(long addr) {
        byte[] p = hit(addr, 8);
        return p == null ? loadSlow(addr, 8) : (long) LONG.get(p, (int) addr & 0xfff);
    }

    private long loadSlow(long addr, int size) {
        int off = (int) (addr & (Layout.PAGE_SIZE - 1));
        if (off + size <= Layout.PAGE_SIZE) {
            byte[] p = page(addr, PageFault.Access.READ);
            return switch (size) {
                case 1 -> p[off] & 0xffL;
                case 2 -> (short) SHORT.get(p, off) & 0xffffL;
                case 4 -> (int) INT.get(p, off) & 0xffffffffL;
                case 8 -> (long) LONG.get(p, off);
                default -> {
                    long v = 0;
                    for (int i = size - 1; i >= 0; i--) {
                        v = (v << 8) | (p[off + i] & 0xff);
                    }
                    yield v;
                }
            };
        }
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            v = (v << 8) | (load(addr + i, 1) & 0xff);
        }
        return v;
    }

    @Override
    public void store(long addr, int size, long value) {
        switch (size) {
            case 1 -> store1(addr, value);
            case 2 -> store2(addr, value);
            case 4 -> store4(addr, value);
            case 8 -> store8(addr, value);
            default -> storeSlow(addr, size, value);
        }
    }

    /** hit() for a store: never the zero page (its first store gives it a frame of its own). */
    private byte[] writableHit(long addr, int len) {
        byte[] p = hit(addr, len);
        return p == null || !writable(p) ? null : p;
    }

    @Override
    public void store1(long addr, long value) {
        byte[] p = writableHit(addr, 1);
        if (p == null) {
            storeSlow(addr, 1, value);
        } else {
            p[(int) addr & 0xfff] = (byte) value;
        }
    }

    @Override
    public void store2(long addr, long value) {
        byte[] p = writableHit(addr, 2);
        if (p == null) {
            storeSlow(addr, 2, value);
        } else {
            SHORT.set(p, (int) addr & 0xfff, (short) value);
        }
    }

    @Override
    public void store4(long addr, long value) {
        byte[] p = writableHit(addr, 4);
        if (p == null) {
            storeSlow(addr, 4, value);
        } else {
            INT.set(p, (int) addr & 0xfff, (int) value);
        }
    }

    @Override
    public void store8(long addr, long value) {
        byte[] p = writableHit(addr, 8);
        if (p == null) {
            storeSlow(addr, 8, value);
        } else {
            LONG.set(p, (int) addr & 0xfff, value);
        }
    }

    private void storeSlow(long addr, int size, long value) {
        int off = (int) (addr & (Layout.PAGE_SIZE - 1));
        if (off + size <= Layout.PAGE_SIZE) {
            byte[] p = writablePage(addr);
            switch (size) {
                case 1 -> p[off] = (byte) value;
                case 2 -> SHORT.set(p, off, (short) value);
                case 4 -> INT.set(p, off, (int) value);
                case 8 -> LONG.set(p, off, value);
                default -> {
                    for (int i = 0; i < size; i++) {
                        p[off + i] = (byte) (value >>> (8 * i));
                    }
                }
            }
            return;
        }
        for (int i = 0; i < size; i++) {
            store(addr + i, 1, value >>> (8 * i));
        }
    }

    @Override
    public Code fetch(long addr) {
        page(addr, PageFault.Access.FETCH);
        int slot = (int) (addr >>> 4) & (FETCH_CACHE - 1);
        Code c = fetchCode[slot];
        if (c != null && fetchAddr[slot] == addr) {
            return c;
        }
        c = codeOf(addr).get(addr);
        if (c != null) {
            fetchAddr[slot] = addr;
            fetchCode[slot] = c;
        }
        return c;
    }

    /** Reads len bytes (page faults as for loads). */
    public byte[] read(long addr, int len) {
        byte[] out = new byte[len];
        for (int i = 0; i < len; i++) {
            out[i] = (byte) load(addr + i, 1);
        }
        return out;
    }

    /** Writes bytes at addr (page faults as for stores). */
    public void write(long addr, byte[] data) {
        for (int i = 0; i < data.length; i++) {
            store(addr + i, 1, data[i]);
        }
    }

    /** Reads a NUL-terminated string of at most max bytes (Latin-1, as bytes). */
    public String readCString(long addr, int max) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < max; i++) {
            int b = (int) load(addr + i, 1);
            if (b == 0) {
                break;
            }
            sb.append((char) b);
        }
        return sb.toString();
    }

    /** Writes s plus a NUL. */
    public void writeCString(long addr, String s) {
        for (int i = 0; i < s.length(); i++) {
            store(addr + i, 1, s.charAt(i));
        }
        store(addr + s.length(), 1, 0);
    }
}
