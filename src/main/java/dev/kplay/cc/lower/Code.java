package dev.kplay.cc.lower;

import dev.kplay.vm.Insn;
import dev.kplay.vm.Op;
import java.util.ArrayList;
import java.util.List;

/**
 * An instruction buffer for one function: emits {@link Insn}s with the current source line, and
 * resolves forward jumps through labels (a label is an index into {@code targets}, patched when
 * the function is finished). Also estimates each instruction's x86 byte size so RIP offsets in an
 * oops ({@code hello_3_exit+0x1c/0x30}) look like gcc's.
 */
final class Code {
    private final List<Insn> insns = new ArrayList<>();
    private final List<Integer> lines = new ArrayList<>();
    private final List<Integer> targets = new ArrayList<>();
    int line;

    int size() { return insns.size(); }

    void emit(Op op) { emit(op, 0, 0); }

    void emit(Op op, long a) { emit(op, a, 0); }

    void emit(Op op, long a, int b) {
        insns.add(new Insn(op, a, b));
        lines.add(line);
    }

    /** A new, unplaced label. */
    int label() {
        targets.add(-1);
        return targets.size() - 1;
    }

    void place(int label) {
        targets.set(label, insns.size());
    }

    /** Emits a jump to a label; the label's index is patched in {@link #finish}. */
    void jump(Op op, int label) {
        insns.add(new Insn(op, label, -1));
        lines.add(line);
    }

    Insn get(int i) { return insns.get(i); }

    /** Replaces instruction i by {@code insn} (a jump to a label: see {@link #jumpAt}); indices stay. */
    void replace(int i, Insn insn) {
        insns.set(i, insn);
    }

    /** Instruction i becomes a jump to {@code label} (patched in {@link #finish}). */
    void jumpAt(int i, Op op, int label) {
        insns.set(i, new Insn(op, label, -1));
    }

    /** Inserts instructions at index {@code at} with source line {@code line}; labels placed at or after it move with the code. */
    void insert(int at, List<Insn> add, int line) {
        insns.addAll(at, add);
        for (int k = 0; k < add.size(); k++) {
            lines.add(at, line);
        }
        for (int l = 0; l < targets.size(); l++) {
            if (targets.get(l) >= at) {
                targets.set(l, targets.get(l) + add.size());
            }
        }
    }

    List<Insn> finish() {
        List<Insn> out = new ArrayList<>(insns.size());
        for (Insn i : insns) {
            if ((i.op() == Op.JMP || i.op() == Op.JZ || i.op() == Op.JNZ) && i.b() == -1) {
                int t = targets.get((int) i.a());
                if (t < 0) throw new IllegalStateException("unplaced label");
                out.add(new Insn(i.op(), t, 0));
            } else {
                out.add(i);
            }
        }
        return out;
    }

    int[] lines() {
        return lines.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Byte offset of each instruction from the function start; element n is the end. */
    int[] pcOffsets(List<Insn> code) {
        int[] pc = new int[code.size() + 1];
        int at = 9;   // endbr64 + the ftrace nop, as in a kernel built with IBT and ftrace
        for (int i = 0; i < code.size(); i++) {
            pc[i] = at;
            at += bytes(code.get(i));
        }
        pc[code.size()] = at;
        return pc;
    }

    private static int bytes(Insn i) {
        return switch (i.op()) {
            case CONST -> i.a() == (int) i.a() ? 5 : 10;
            case LOCAL -> 4;
            case SYM -> 7;
            case LD1S, LD1U, LD2S, LD2U, LD4S, LD4U, LD8, ST1, ST2, ST4, ST8 -> 3;
            case COPY, ZERO -> 6;
            case DUP, DROP, SWAP -> 1;
            case MUL, DIVS, DIVU, REMS, REMU -> 4;
            case EQ, NE, LTS, LTU, LES, LEU, GTS, GTU, GES, GEU -> 6;
            case SEXT, ZEXT -> 4;
            case JMP -> 5;
            case JZ, JNZ -> 8;
            case CALL, CALLI -> 5;
            case RET -> 2;
            case TRAP -> 2;
            case VASTART -> 8;
            case LINE -> 0;
            default -> 3;
        };
    }
}
