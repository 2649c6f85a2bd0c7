package dev.kplay.kernel.mm;

import dev.kplay.vm.Code;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/*
 * struct mm_struct, reduced: the user half of one process's address space. Its pages and the code
 * registered in them are the process's own, so two programs can both live at 0x555555554000; the
 * machine's AddressSpace routes user addresses here while the process's mm is the active one
 * (switch_mm on a context switch). The VMAs are kept as a list for print_vma_addr() and the
 * segfault report; brk and the mmap area grow as the syscalls of mm/ move them.
 */

/** One process's user address space. */
public final class MmStruct {
    /** A mapping: [start, end), the file it maps (null: anonymous), and its name in /proc/PID/maps. */
    public record Vma(long start, long end, String file, String name) {}

    final LongMap<byte[]> pages = new LongMap<>();
    /** User memory reserved from the server's pool for this mm (see AddressSpace.chargeUser). */
    long charged;
    final TreeMap<Long, Code> code = new TreeMap<>(Long::compareUnsigned);
    private final List<Vma> vmas = new ArrayList<>();
    /** start_brk and brk: the heap's first byte and its current end. */
    private long startBrk;
    private long brk;
    /** Where the next mmap without a hint goes (grows down, as the x86-64 top-down layout does). */
    private long mmapBase = 0x00007ffff7fc1000L;

    public List<Vma> vmas() { return vmas; }

    public void addVma(Vma v) { vmas.add(v); }

    /** The VMA containing addr, or null. */
    public Vma vmaAt(long addr) {
        for (Vma v : vmas) {
            if (Long.compareUnsigned(addr, v.start()) >= 0 && Long.compareUnsigned(addr, v.end()) < 0) {
                return v;
            }
        }
        return null;
    }

    /** start_code..end_code, start_data..end_data (load_elf_binary()), start_stack, and the argv/envp strings' bounds. */
    private long startCode, endCode, startData, endData, startStack, argStart, argEnd, envStart, envEnd;

    /** load_elf_binary(): where the text and the file-backed data ended up. */
    public void setSegments(long codeStart, long codeEnd, long dataStart, long dataEnd) {
        startCode = codeStart;
        endCode = codeEnd;
        startData = dataStart;
        endData = dataEnd;
    }

    /** create_elf_tables() and setup_arg_pages(): the initial stack pointer and where the strings lie. */
    public void setArgs(long stack, long argsStart, long argsEnd, long envsStart, long envsEnd) {
        startStack = stack;
        argStart = argsStart;
        argEnd = argsEnd;
        envStart = envsStart;
        envEnd = envsEnd;
    }

    public long startCode() { return startCode; }

    public long endCode() { return endCode; }

    public long startData() { return startData; }

    public long endData() { return endData; }

    public long startStack() { return startStack; }

    public long argStart() { return argStart; }

    public long argEnd() { return argEnd; }

    public long envStart() { return envStart; }

    public long envEnd() { return envEnd; }

    /** Models task_vsize(): total_vm in bytes, the length of every mapping. */
    public long totalVm() {
        long n = 0;
        for (Vma v : vmas) {
            n += v.end() - v.start();
        }
        return n;
    }

    public long startBrk() { return startBrk; }

    public long brk() { return brk; }

    public void setBrk(long b) { brk = b; }

    public void setStartBrk(long b) { startBrk = b; brk = b; }

    /** Takes len bytes (page-rounded) of the mmap area; returns the start. */
    public long takeMmap(long len) {
        mmapBase -= Layout.pageAlign(len);
        return mmapBase;
    }

    /** Bytes of heap and anonymous mappings reserved for the process. */
    public long charged() { return charged; }

    /**
     * Resident pages in [start, end): those with a frame of their own. A page still mapped to the
     * zero page was never written, as an untouched anonymous page, which rss does not count.
     */
    public int residentIn(long start, long end) {
        int n = 0;
        for (int i = 0; i < pages.capacity(); i++) {
            byte[] frame = pages.valueAt(i);
            long a = pages.keyAt(i) << Layout.PAGE_SHIFT;
            if (frame != null && frame != CowFrames.ZERO_PAGE && Long.compareUnsigned(a, start) >= 0
                    && Long.compareUnsigned(a, end) < 0) {
                n++;
            }
        }
        return n;
    }

    /** Pages with a frame of their own or the zero page (for the exit accounting). */
    public int pageCount() { return pages.size(); }
}
