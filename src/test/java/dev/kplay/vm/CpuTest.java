package dev.kplay.vm;

import dev.kplay.ko.Function;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The interpreter on hand-assembled functions, over a minimal bus. */
class CpuTest {
    static final long TEXT = 0xffffffffc0300000L;
    static final long STACK = 0xffffc90000010000L;
    final MapBus mem = new MapBus();
    final List<String> called = new ArrayList<>();
    final Natives natives = new Natives() {
        @Override public boolean isNative(long addr) { return addr == 0xffffffff81000000L; }
        @Override public long call(long addr, long[] args, KernelStack stack) { called.add("native" + args.length); return args[0] * 10; }
        @Override public String nameOf(long addr) { return "nat"; }
    };
    final Cpu cpu = new Cpu(mem, natives);

    Code load(Function f, long addr, long[] syms) {
        mem.map(addr, 4096);
        Code c = Code.decode(f, "m", addr, syms);
        mem.registerCode(c);
        return c;
    }

    KernelStack stack() {
        mem.map(STACK, KernelStack.THREAD_SIZE);
        return new KernelStack(STACK);
    }

    /** int fact(int n) { return n <= 1 ? 1 : n * fact(n - 1); } with a native call on the way. */
    @Test
    void recursionReturnsThroughExplicitFrames() {
        long[] syms = {TEXT, 0xffffffff81000000L};
        List<Insn> code = List.of(
                new Insn(Op.LOCAL, 0, 0), Insn.of(Op.LD4S), Insn.of(Op.CONST, 1), Insn.of(Op.LES), Insn.of(Op.JZ, 7),
                Insn.of(Op.CONST, 1), Insn.of(Op.RET),
                new Insn(Op.LOCAL, 0, 0), Insn.of(Op.LD4S),
                new Insn(Op.LOCAL, 0, 0), Insn.of(Op.LD4S), Insn.of(Op.CONST, 1), Insn.of(Op.SUB),
                new Insn(Op.CALL, 0, 1), Insn.of(Op.MUL), Insn.of(Op.RET));
        Function f = new Function("fact", ".text", 0, 64, true, false, List.of(new Function.Param(0, 4)), 16, code, null, null);
        load(f, TEXT, syms);
        KernelStack ks = stack();
        assertEquals(null, cpu.call(ks, TEXT, new long[] {10}));
        Exit e = cpu.run(ks, 1_000_000);
        assertEquals(new Exit.Returned(3628800), e);
        assertEquals(0, ks.depth());
    }

    @Test
    void unboundedRecursionHitsTheGuardPage() {
        long[] syms = {TEXT};
        List<Insn> code = List.of(new Insn(Op.CALL, 0, 0), Insn.of(Op.RET));
        load(new Function("loop", ".text", 0, 16, true, false, List.of(), 64, code, null, null), TEXT, syms);
        KernelStack ks = stack();
        cpu.call(ks, TEXT, new long[0]);
        assertInstanceOf(Exit.StackOverflow.class, cpu.run(ks, 1_000_000));
    }

    @Test
    void storeToAbsentPageFaultsAtTheInstruction() {
        List<Insn> code = List.of(Insn.of(Op.CONST, 0), Insn.of(Op.CONST, 42), Insn.of(Op.ST4), Insn.of(Op.RET));
        load(new Function("f", ".init.text", 0, 32, false, false, List.of(), 0, code, new int[] {0, 4, 0x1c, 0x20}, null), TEXT, new long[0]);
        KernelStack ks = stack();
        cpu.call(ks, TEXT, new long[0]);
        Exit.Faulted f = assertInstanceOf(Exit.Faulted.class, cpu.run(ks, 100));
        assertEquals(0, f.fault().address());
        assertEquals(PageFault.Access.WRITE, f.fault().access());
        assertEquals(TEXT + 0x1c, f.rip());
    }

    @Test
    void infiniteLoopRunsOutOfBudgetAndCanContinue() {
        List<Insn> code = List.of(Insn.of(Op.JMP, 0));
        load(new Function("spin", ".text", 0, 8, false, false, List.of(), 0, code, null, null), TEXT, new long[0]);
        KernelStack ks = stack();
        cpu.call(ks, TEXT, new long[0]);
        assertInstanceOf(Exit.OutOfBudget.class, cpu.run(ks, 1000));
        assertInstanceOf(Exit.OutOfBudget.class, cpu.run(ks, 1000));
        assertEquals(2000, ks.instructions());
    }

    @Test
    void nativeCallsPassArguments() {
        long[] syms = {0xffffffff81000000L};
        List<Insn> code = List.of(Insn.of(Op.CONST, 4), Insn.of(Op.CONST, 5), new Insn(Op.CALL, 0, 2), Insn.of(Op.RET));
        load(new Function("g", ".text", 0, 8, false, false, List.of(), 0, code, null, null), TEXT, syms);
        KernelStack ks = stack();
        cpu.call(ks, TEXT, new long[0]);
        assertEquals(new Exit.Returned(40), cpu.run(ks, 100));
        assertEquals(List.of("native2"), called);
    }

    @Test
    void malformedCodeTrapsInsteadOfThrowing() {
        List<Insn> code = List.of(Insn.of(Op.ADD), Insn.of(Op.JMP, 99));
        load(new Function("bad", ".text", 0, 8, false, false, List.of(), 0, code, null, null), TEXT, new long[0]);
        KernelStack ks = stack();
        cpu.call(ks, TEXT, new long[0]);
        assertInstanceOf(Exit.Trapped.class, cpu.run(ks, 100));
    }

    /** Pages in a map; code registered by address. */
    static final class MapBus implements Bus {
        final java.util.Map<Long, byte[]> pages = new java.util.HashMap<>();
        final java.util.Map<Long, Code> code = new java.util.HashMap<>();

        void map(long addr, long len) {
            for (long p = addr >>> 12; p <= (addr + len - 1) >>> 12; p++) {
                pages.putIfAbsent(p, new byte[4096]);
            }
        }

        void registerCode(Code c) {
            code.put(c.address(), c);
        }

        private byte[] page(long addr, PageFault.Access a) {
            byte[] p = pages.get(addr >>> 12);
            if (p == null) {
                throw new PageFault(addr, a);
            }
            return p;
        }

        @Override
        public long load(long addr, int size) {
            long v = 0;
            for (int i = size - 1; i >= 0; i--) {
                v = (v << 8) | (page(addr + i, PageFault.Access.READ)[(int) ((addr + i) & 4095)] & 0xff);
            }
            return v;
        }

        @Override
        public void store(long addr, int size, long value) {
            for (int i = 0; i < size; i++) {
                page(addr + i, PageFault.Access.WRITE)[(int) ((addr + i) & 4095)] = (byte) (value >>> (8 * i));
            }
        }

        @Override
        public Code fetch(long addr) {
            page(addr, PageFault.Access.FETCH);
            return code.get(addr);
        }
    }
}
