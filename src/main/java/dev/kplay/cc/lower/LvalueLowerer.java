package dev.kplay.cc.lower;

import dev.kplay.cc.parse.Expr;
import dev.kplay.cc.sema.ConstEval;
import dev.kplay.cc.sema.Obj;
import dev.kplay.cc.sema.Type;
import dev.kplay.cc.sema.Typed;
import dev.kplay.cc.sema.Types;
import dev.kplay.vm.Op;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The memory half of expression lowering, as chibicc's gen_addr with load/store: the frame
 * (locals and temporaries), loads and stores of each C type with the normalization invariant
 * that {@link ExprLowerer} relies on, conversions between types, bit-fields, and {@link #addr},
 * which pushes an lvalue's address. Split from {@link ExprLowerer}, which pushes values; an
 * address that needs a value (a pointer to dereference, an index) asks it through {@link #value}.
 */
abstract class LvalueLowerer {
    final Lowerer module;

    final Typed typed;

    final Code code = new Code();

    final Map<Obj, Integer> offsets = new IdentityHashMap<>();

    int frame;

    /** The calls TailCalls found in tail position, and the indices of the call instructions emitted for them. */
    java.util.Set<Expr.Call> tailCandidates = java.util.Set.of();
    final java.util.List<Integer> tailPcs = new java.util.ArrayList<>();
    /** Whether the address of a local or parameter is used as a value (so a callee may reach the frame). */
    boolean addressEscapes;
    /**
     * How many branches (of an if, a loop or a switch) the code being lowered is in; a call to a
     * __cold function (dump_stack, printk, panic) in one goes to the function's .cold part, unless
     * the function is cold itself (__init, __exit): gcc -O2's function splitting.
     */
    int conditional;
    /**
     * Whether a return in a branch came before (if (copy_from_user(...)) return -EFAULT;): a path
     * avoids what follows, so gcc predicts a __cold call after it never reached and moves it to
     * .cold too (recorded: dmp's dump_stack() after an early return). A call every path reaches
     * stays in the function.
     */
    boolean earlyExit;
    boolean coldFunction;
    /** The call instructions gcc would have put in the .cold part. */
    final java.util.List<Integer> coldPcs = new java.util.ArrayList<>();

    static boolean cold(Obj fn) {
        return fn != null && fn.attr("cold") != null;
    }

    /** Where the function's hidden parameters (Typed.Hidden) are in its frame. */
    int[] hiddenOffsets = new int[0];

    LvalueLowerer(Lowerer module) {
        this.module = module;
        this.typed = module.typed();
    }

    static Object constant(Typed typed, Expr e) {
        return new ConstEval(typed).eval(e);
    }

    int alloc(long size, int align) {
        align = Math.max(1, align);
        frame = (int) ((frame + align - 1) / align * align);
        int off = frame;
        frame += (int) Math.max(size, 1);
        return off;
    }

    int temp() {
        return alloc(8, 8);
    }

    Type type(Expr e) {
        return typed.type(e);
    }

    abstract void initLocal(Obj o, int offset);

    /** Pushes the value of e (an rvalue); see {@link ExprLowerer#value}. */
    abstract void value(Expr e);

    // ---- loads, stores, conversions ------------------------------------------------------------

    void load(Type t) {
        if (t instanceof Type.Ptr) {
            code.emit(Op.LD8);
        } else if (Types.isInteger(t)) {
            Type.IntKind k = Types.kind(t);
            switch (k.size) {
                case 1 -> code.emit(k.unsigned ? Op.LD1U : Op.LD1S);
                case 2 -> code.emit(k.unsigned ? Op.LD2U : Op.LD2S);
                case 4 -> code.emit(k.unsigned ? Op.LD4U : Op.LD4S);
                default -> code.emit(Op.LD8);
            }
        }
        // arrays, structs and functions: the address is the value
    }

    /** Stack: address, value → value. */
    void store(Type t) {
        if (t instanceof Type.Struct || t instanceof Type.Arr) {
            code.emit(Op.COPY, Types.sizeOf(t));
            return;
        }
        switch ((int) Types.sizeOf(t)) {
            case 1 -> code.emit(Op.ST1);
            case 2 -> code.emit(Op.ST2);
            case 4 -> code.emit(Op.ST4);
            default -> code.emit(Op.ST8);
        }
    }

    /** Re-normalizes the top of stack to integer type {@code t}. */
    void normalize(Type t) {
        if (!Types.isInteger(t)) return;
        Type.IntKind k = Types.kind(t);
        if (k == Type.IntKind.BOOL) {
            code.emit(Op.ZEXT, 1);
        } else if (k.size < 8) {
            code.emit(k.unsigned ? Op.ZEXT : Op.SEXT, k.size * 8L);
        }
    }

    void cast(Type from, Type to) {
        if (to instanceof Type.Void || !Types.isScalar(to)) return;
        if (Types.isInteger(to)) {
            Type.IntKind k = Types.kind(to);
            if (k == Type.IntKind.BOOL) {
                if (!(Types.isInteger(from) && Types.kind(from) == Type.IntKind.BOOL)) code.emit(Op.ZEXT, 1);
                return;
            }
            if (Types.isInteger(from)) {
                Type.IntKind f = Types.kind(from);
                if (f == k) return;
                if (f.size < k.size && (f.unsigned || !k.unsigned)) return;   // widening keeps the value
            }
            normalize(to);
        }
    }

    // ---- addresses -----------------------------------------------------------------------------

    /** The address of lvalue e is used as a value: if e is (part of) a local or parameter, the frame is reachable. */
    void escapes(Expr e) {
        while (true) {
            if (e instanceof Expr.Cast c) {
                e = c.operand();
            } else if (e instanceof Expr.Member m && !m.arrow()) {
                e = m.base();
            } else if (e instanceof Expr.Index ix && type(ix.base()) instanceof Type.Arr) {
                e = ix.base();
            } else {
                break;
            }
        }
        if (e instanceof Expr.Ident id && offsets.containsKey(typed.refs.get(id))
                || e instanceof Expr.CompoundLit c && offsets.containsKey(typed.declared.get(c))) {
            addressEscapes = true;
        }
    }

    void addr(Expr e) {
        if (e instanceof Expr.Ident id) {
            Obj o = typed.refs.get(id);
            Integer off = offsets.get(o);
            if (off != null) {
                code.emit(Op.LOCAL, off);
            } else {
                code.emit(Op.SYM, module.sym(o));
            }
        } else if (e instanceof Expr.Unary u && u.op().equals("*")) {
            value(u.operand());
        } else if (e instanceof Expr.Index ix) {
            pointerPlusIndex(ix);
        } else if (e instanceof Expr.Member m) {
            if (m.arrow()) value(m.base());
            else value(m.base());   // a struct value is its address
            long off = typed.members.get(m).offset();
            if (off != 0) {
                code.emit(Op.CONST, off);
                code.emit(Op.ADD);
            }
        } else if (e instanceof Expr.StrLit s) {
            code.emit(Op.SYM, module.string(s.bytes()));
        } else if (e instanceof Expr.CompoundLit c) {
            Obj o = typed.declared.get(c);
            Integer off = offsets.get(o);
            if (off == null) {
                code.emit(Op.SYM, module.sym(o));
            } else {
                initLocal(o, off);
                code.emit(Op.LOCAL, off);
            }
        } else if (e instanceof Expr.Cast c) {
            addr(c.operand());
        } else {
            // struct-valued calls, conditionals, assignments and statement expressions: the value is an address
            value(e);
        }
    }

    private void pointerPlusIndex(Expr.Index ix) {
        Type bt = Types.decay(type(ix.base()));
        Expr ptr = bt instanceof Type.Ptr ? ix.base() : ix.index();
        Expr idx = bt instanceof Type.Ptr ? ix.index() : ix.base();
        Type pt = Types.decay(type(ptr));
        if (type(ptr) instanceof Type.Arr) {
            addr(ptr);      // the same code as its value, but indexing an array does not let its address escape
        } else {
            value(ptr);
        }
        value(idx);
        scale(((Type.Ptr) pt).base());
        code.emit(Op.ADD);
    }

    void scale(Type elem) {
        long size = Math.max(1, Types.sizeOf(elem));
        if (size != 1) {
            code.emit(Op.CONST, size);
            code.emit(Op.MUL);
        }
    }

    // ---- bit-fields ----------------------------------------------------------------------------

    void loadBitfield(Type.Member m) {
        int unit = (int) Types.sizeOf(m.type());
        switch (unit) {
            case 1 -> code.emit(Op.LD1U);
            case 2 -> code.emit(Op.LD2U);
            case 4 -> code.emit(Op.LD4U);
            default -> code.emit(Op.LD8);
        }
        int shiftUp = 64 - m.bitOffset() - m.bitWidth();
        if (shiftUp > 0) {
            code.emit(Op.CONST, shiftUp);
            code.emit(Op.SHL);
        }
        code.emit(Op.CONST, 64 - m.bitWidth());
        code.emit(Types.isUnsigned(m.type()) ? Op.SHRU : Op.SHRS);
    }

    /** Stores the value in temp {@code val} into bitfield {@code m} whose unit address is in temp {@code adr}. */
    void storeBitfield(Type.Member m, int adr, int val) {
        int unit = (int) Types.sizeOf(m.type());
        long mask = m.bitWidth() >= 64 ? -1L : (1L << m.bitWidth()) - 1;
        code.emit(Op.LOCAL, adr);
        code.emit(Op.LD8);
        code.emit(Op.LOCAL, adr);
        code.emit(Op.LD8);
        code.emit(unit == 1 ? Op.LD1U : unit == 2 ? Op.LD2U : unit == 4 ? Op.LD4U : Op.LD8);
        code.emit(Op.CONST, ~(mask << m.bitOffset()));
        code.emit(Op.AND);
        code.emit(Op.LOCAL, val);
        code.emit(Op.LD8);
        code.emit(Op.CONST, mask);
        code.emit(Op.AND);
        if (m.bitOffset() != 0) {
            code.emit(Op.CONST, m.bitOffset());
            code.emit(Op.SHL);
        }
        code.emit(Op.OR);
        code.emit(unit == 1 ? Op.ST1 : unit == 2 ? Op.ST2 : unit == 4 ? Op.ST4 : Op.ST8);
        code.emit(Op.DROP);
        // the expression's value: the stored value as the bitfield reads it back
        code.emit(Op.LOCAL, adr);
        code.emit(Op.LD8);
        loadBitfield(m);
    }

    static Type.Member bitfieldOf(Typed typed, Expr e) {
        if (e instanceof Expr.Member m) {
            Type.Member mem = typed.members.get(m);
            if (mem != null && mem.isBitfield()) return mem;
        }
        return null;
    }
}
