package dev.kplay.cc.lower;

import dev.kplay.cc.sema.Obj;
import dev.kplay.cc.sema.Type;
import dev.kplay.cc.sema.Types;
import dev.kplay.vm.Insn;
import dev.kplay.vm.Op;

import java.util.ArrayList;
import java.util.List;

/*
 * -fstack-protector-strong, which Debian's kernel is built with and kbuild therefore builds modules
 * with: a function with a local array (or a struct or union holding one), or a local whose address
 * is taken, keeps a canary between its locals and the return address; it stores it on entry and
 * compares it before returning, and a difference calls __stack_chk_fail(), which panics
 * ("stack-protector: Kernel stack is corrupted in: handler+0x.."). gcc lays the arrays out right
 * under the canary, character arrays nearest, so running off the end of one reaches the canary
 * before any other local; kplay moves them there too (scalars gcc keeps in registers live lower in
 * kplay's frame, where such an overrun does not reach them).
 *
 * The canary is random at each boot on Linux (get_random_canary(): its low byte zero, so a string
 * copy stops at it); kplay's is one fixed value of that form, so a run replays the same.
 */

/** Gives a lowered function gcc's stack canary. */
final class StackProtector {
    static final long CANARY = 0x3c9d0f81e2a47b00L;

    private StackProtector() {}

    /** Where the arrays are in the frame while the body is lowered: far above any real offset, moved by apply(). */
    static final int UNPLACED = 0x40000000;

    /**
     * Whether a local is one gcc puts under the canary (an array, or a struct or union holding one):
     * a function with one is protected (-fstack-protector-strong), as is one that takes a local's address.
     */
    static boolean guarded(Obj o) {
        return onStack(o) && holdsArray(o.type);
    }

    /**
     * Places f's arrays (lowered at UNPLACED offsets) at the top of its frame and, with {@code canary},
     * a canary slot above them that every return checks first and the entry stores. Call when the
     * body is lowered, before Code.finish().
     */
    static void apply(FunctionLowerer f, List<Obj> locals, int entryLine, int exitLine, boolean canary) {
        Code code = f.code;
        // 1. the arrays at the top of the frame, character arrays nearest the canary
        List<Obj> arrays = new ArrayList<>();
        for (Obj o : locals) {
            if (guarded(o) && !isCharArray(o.type)) {
                arrays.add(o);
            }
        }
        for (Obj o : locals) {
            if (guarded(o) && isCharArray(o.type)) {
                arrays.add(o);
            }
        }
        List<long[]> moves = new ArrayList<>();     // {unplaced start, end, new start}
        for (Obj o : arrays) {
            long size = Math.max(1, Types.sizeOf(o.type));
            int at = f.offsets.get(o);
            moves.add(new long[] {at, at + size, f.alloc(size, Math.max(1, Math.max(Types.alignOf(o.type), f.alignAttr(o))))});
        }
        for (int i = 0; i < code.size(); i++) {
            Insn in = code.get(i);
            if (in.op() == Op.LOCAL) {
                for (long[] m : moves) {
                    if (in.a() >= m[0] && in.a() < m[1]) {
                        code.replace(i, new Insn(Op.LOCAL, m[2] + (in.a() - m[0]), in.b()));
                        break;
                    }
                }
            }
        }
        if (!canary) {
            return;     // a user program (kplay builds user space without the protector): the arrays placed, no more
        }
        int slot = f.alloc(8, 8);
        // 2. every return goes through the check
        int check = code.label();
        int fail = code.label();
        for (int i = 0; i < code.size(); i++) {
            if (code.get(i).op() == Op.RET) {
                code.jumpAt(i, Op.JMP, check);
            }
        }
        code.line = exitLine;
        code.place(check);
        code.emit(Op.LOCAL, slot);
        code.emit(Op.LD8);
        code.emit(Op.CONST, CANARY);
        code.emit(Op.NE);
        code.jump(Op.JNZ, fail);
        code.emit(Op.RET);
        // last, as gcc puts it: the call's return address is the function's end ("handler+0x95/0x95")
        code.place(fail);
        code.emit(Op.CALL, f.module.externalFunction("__stack_chk_fail"), 0);
        code.emit(Op.RET);      // not reached: __stack_chk_fail() panics
        // 3. entry stores it
        List<Insn> entry = List.of(new Insn(Op.LOCAL, slot, 0), new Insn(Op.CONST, CANARY, 0), new Insn(Op.ST8, 0, 0),
                new Insn(Op.DROP, 0, 0));
        code.insert(0, entry, entryLine);
        f.tailPcs.replaceAll(pc -> pc + entry.size());
        f.coldPcs.replaceAll(pc -> pc + entry.size());
    }

    /** A variable of the function's frame (not a static local, not a block-scope extern). */
    private static boolean onStack(Obj o) {
        return o.kind == Obj.Kind.VAR && !o.isStatic && !o.isExtern && !o.fileScope;
    }

    private static boolean holdsArray(Type t) {
        t = Types.unqual(t);
        if (t instanceof Type.Arr) {
            return true;
        }
        if (t instanceof Type.Struct s && s.tag().members != null) {
            for (Type.Member m : s.tag().members) {
                if (holdsArray(m.type())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isCharArray(Type t) {
        return Types.unqual(t) instanceof Type.Arr a && Types.isInteger(a.elem()) && Types.sizeOf(a.elem()) == 1;
    }
}
