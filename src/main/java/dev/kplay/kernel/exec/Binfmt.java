package dev.kplay.kernel.exec;

import dev.kplay.kernel.mm.AddressSpace;
import dev.kplay.kernel.mm.Layout;
import dev.kplay.kernel.mm.MmStruct;
import dev.kplay.ko.Function;
import dev.kplay.ko.ModuleImage;
import dev.kplay.ko.Relocation;
import dev.kplay.ko.Section;
import dev.kplay.ko.Symbol;
import dev.kplay.vm.Code;
import dev.kplay.vm.KernelStack;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/*
 * load_elf_binary() for kplay's executables (fs/binfmt_elf.c): a fresh mm, the image's segments
 * mapped at the PIE load bias (0x555555554000, where Linux puts a PIE with randomization off,
 * so every run of a program has the same addresses): the ELF header page, text, read-only data,
 * then data and bss, each on pages of its own; brk starts at the page after bss. Then
 * create_elf_tables() on a fresh 132 KiB stack under 0x7ffffffff000: the argument and
 * environment strings at the top, then AT_RANDOM's bytes, the auxiliary vector, envp, argv and
 * argc, where _start finds them.
 */

/** Loads an executable image into a new user address space. */
final class Binfmt {
    /** ELF_ET_DYN_BASE with randomization off: 2/3 of TASK_SIZE, as the kernel computes it. */
    static final long LOAD_BIAS = 0x0000555555554000L;
    /** STACK_TOP (TASK_SIZE_MAX) and the stack VMA the kernel sets up (128 KiB + a guard's worth). */
    static final long STACK_TOP = 0x00007ffffffff000L;
    static final long STACK_SIZE = 0x21000L;
    static final int AT_NULL = 0, AT_PHDR = 3, AT_PAGESZ = 6, AT_ENTRY = 9, AT_UID = 11, AT_RANDOM = 25, AT_EXECFN = 31;

    /** What exec produced: the mm, where each symbol went, the entry point and the initial stack. */
    record Loaded(MmStruct mm, long entry, KernelStack stack, long argc, long argv, long envp, long textStart, long textEnd) {}

    private Binfmt() {}

    /**
     * Lays the image out in a new mm (made active on {@code mem}) and builds the initial stack.
     * {@code gate} is the address the syscall gate symbol binds to. Throws IllegalArgumentException
     * if the image cannot run (a symbol nothing defines: ENOEXEC).
     */
    static Loaded load(AddressSpace mem, ModuleImage image, byte[] file, String path, List<String> argv,
                       List<String> envp, long gate, String gateName) {
        MmStruct mm = new MmStruct();
        mem.switchMm(mm);
        String fileName = path;
        // the first page: the ELF header, mapped read-only from the file
        mem.map(LOAD_BIAS, Layout.PAGE_SIZE);
        mem.write(LOAD_BIAS, java.util.Arrays.copyOf(file, 64));
        mm.addVma(new MmStruct.Vma(LOAD_BIAS, LOAD_BIAS + Layout.PAGE_SIZE, fileName, "r--p"));
        Map<String, Long> base = new HashMap<>();
        long at = LOAD_BIAS + Layout.PAGE_SIZE;
        long textStart = at;
        at = place(mem, mm, image, base, at, s -> s.isText(), fileName, "r-xp");
        long textEnd = at;
        at = place(mem, mm, image, base, at, s -> !s.isText() && s.name().startsWith(".rodata"), fileName, "r--p");
        long dataStart = at;
        at = place(mem, mm, image, base, at, s -> !s.isText() && !s.name().startsWith(".rodata"), fileName, "rw-p");
        // start_data is the last PT_LOAD's address, end_data where its file contents (not .bss) end
        long lastLoad = at > dataStart ? dataStart : textEnd < dataStart ? textEnd : textStart;
        mm.setSegments(textStart, fileEnd(image, base, s -> s.isText()), lastLoad,
                Math.max(lastLoad, fileEnd(image, base, s -> s.bytes() != null)));
        mm.setStartBrk(at);
        if (at == dataStart) {
            mm.setStartBrk(at);
        }
        long[] symbols = new long[image.symbols().size()];
        for (int i = 0; i < symbols.length; i++) {
            Symbol s = image.symbols().get(i);
            if (s.defined()) {
                symbols[i] = base.get(s.section()) + s.offset();
            } else if (s.name().equals(gateName)) {
                symbols[i] = gate;
            } else {
                throw new IllegalArgumentException("undefined symbol " + s.name());
            }
        }
        for (Relocation r : image.relocations()) {
            mem.store(base.get(r.section()) + r.offset(), 8, symbols[r.symbol()] + r.addend());
        }
        long entry = 0;
        for (Function f : image.functions()) {
            long addr = base.get(f.section()) + f.offset();
            mem.registerCode(Code.decode(f, image.name(), addr, symbols));
            if (f.name().equals("_start")) {
                entry = addr;
            }
        }
        if (entry == 0) {
            throw new IllegalArgumentException("no _start");
        }
        long stackBase = STACK_TOP - STACK_SIZE;
        mem.map(stackBase, STACK_SIZE);
        mm.addVma(new MmStruct.Vma(stackBase, STACK_TOP, null, "[stack]"));
        return stack(mem, mm, entry, path, argv, envp, stackBase, textStart, textEnd);
    }

    /** The end of the file contents of the placed sections {@code which} selects (p_vaddr + p_filesz), 0 if none. */
    private static long fileEnd(ModuleImage image, Map<String, Long> base, java.util.function.Predicate<Section> which) {
        long end = 0;
        for (Section s : image.sections()) {
            Long at = base.get(s.name());
            if (at != null && which.test(s)) {
                end = Math.max(end, at + s.size());
            }
        }
        return end;
    }

    /** Places the sections {@code which} selects from {@code at} on, page-aligned as a segment; returns the end. */
    private static long place(AddressSpace mem, MmStruct mm, ModuleImage image, Map<String, Long> base, long at,
                              java.util.function.Predicate<Section> which, String file, String perms) {
        long start = at;
        long p = at;
        for (Section s : image.sections()) {
            if (!which.test(s) || base.containsKey(s.name())) {
                continue;
            }
            long a = Math.max(1, s.align());
            p = (p + a - 1) / a * a;
            base.put(s.name(), p);
            p += s.size();
        }
        if (p == start) {
            return start;
        }
        long end = Layout.pageAlign(p);
        mem.map(start, end - start);
        for (Section s : image.sections()) {
            if (which.test(s) && s.bytes() != null && base.get(s.name()) >= start && base.get(s.name()) < end) {
                mem.write(base.get(s.name()), s.bytes());
            }
        }
        mm.addVma(new MmStruct.Vma(start, end, file, perms));
        return end;
    }

    /** Models create_elf_tables(): strings, AT_RANDOM bytes, auxv, envp, argv, argc; 16-byte aligned. */
    private static Loaded stack(AddressSpace mem, MmStruct mm, long entry, String path, List<String> argv,
                                List<String> envp, long stackBase, long textStart, long textEnd) {
        long p = STACK_TOP - 8;
        p = pushString(mem, p, path);
        long execfn = p;
        List<Long> envAddrs = new ArrayList<>();
        for (int i = envp.size() - 1; i >= 0; i--) {
            p = pushString(mem, p, envp.get(i));
            envAddrs.add(0, p);
        }
        List<Long> argAddrs = new ArrayList<>();
        for (int i = argv.size() - 1; i >= 0; i--) {
            p = pushString(mem, p, argv.get(i));
            argAddrs.add(0, p);
        }
        p &= ~15L;
        p -= 16;
        long random = p;
        for (int i = 0; i < 16; i++) {
            mem.store(random + i, 1, (0x9e3779b9L * (i + 1)) >>> 13);
        }
        long[][] auxv = {{AT_PHDR, LOAD_BIAS + 64}, {AT_PAGESZ, Layout.PAGE_SIZE}, {AT_ENTRY, entry}, {AT_UID, 0},
                {AT_RANDOM, random}, {AT_EXECFN, execfn}, {AT_NULL, 0}};
        int words = 1 + argv.size() + 1 + envp.size() + 1 + 2 * auxv.length;
        p -= 8L * words;
        p &= ~15L;
        long sp = p;
        long w = sp;
        mem.store(w, 8, argv.size());
        w += 8;
        long argvAddr = w;
        for (long a : argAddrs) {
            mem.store(w, 8, a);
            w += 8;
        }
        mem.store(w, 8, 0);
        w += 8;
        long envpAddr = w;
        for (long a : envAddrs) {
            mem.store(w, 8, a);
            w += 8;
        }
        mem.store(w, 8, 0);
        w += 8;
        for (long[] av : auxv) {
            mem.store(w, 8, av[0]);
            mem.store(w + 8, 8, av[1]);
            w += 16;
        }
        long argStart = argAddrs.isEmpty() ? (envAddrs.isEmpty() ? execfn : envAddrs.get(0)) : argAddrs.get(0);
        long envStart = envAddrs.isEmpty() ? execfn : envAddrs.get(0);
        mm.setArgs(sp, argStart, envStart, envStart, execfn);
        KernelStack ks = new KernelStack(stackBase, STACK_TOP, sp);
        return new Loaded(mm, entry, ks, argv.size(), argvAddr, envpAddr, textStart, textEnd);
    }

    private static long pushString(AddressSpace mem, long p, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        p -= b.length + 1;
        mem.write(p, b);
        mem.store(p + b.length, 1, 0);
        return p;
    }
}
