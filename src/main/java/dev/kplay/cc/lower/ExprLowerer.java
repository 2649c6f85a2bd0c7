package dev.kplay.cc.lower;

import dev.kplay.cc.diag.CpuLimit;
import dev.kplay.cc.parse.Expr;
import dev.kplay.cc.parse.Stmt;
import dev.kplay.cc.sema.Obj;
import dev.kplay.cc.sema.Type;
import dev.kplay.cc.sema.Typed;
import dev.kplay.cc.sema.Types;
import dev.kplay.vm.Op;
import java.util.List;

/**
 * Expressions to stack code, as chibicc's gen_expr/gen_addr do for x86: {@link #addr} pushes an
 * lvalue's address ({@link LvalueLowerer} holds it, with the frame, loads and stores), {@link #value}
 * pushes an rvalue. Invariants: every expression pushes exactly
 * one value (void ones push 0); a value of integer type T is kept normalized to T (sign- or
 * zero-extended from T's width), so narrow arithmetic is followed by SEXT/ZEXT; a struct or union
 * "value" is its address (assignment and argument passing COPY from it).
 */
abstract class ExprLowerer extends LvalueLowerer {
    ExprLowerer(Lowerer module) {
        super(module);
    }

    abstract void statement(Stmt s);

    // ---- values --------------------------------------------------------------------------------

    void value(Expr e) {
        CpuLimit.tick();
        Type t = type(e);
        if (e instanceof Expr.Call c) {
            call(c);
            return;
        }
        if (t instanceof Type.Arr || t instanceof Type.Func) {
            if (t instanceof Type.Arr) {
                escapes(e);
            }
            addr(e);
            return;
        }
        Object k = constantValue(e);
        if (k instanceof Long l) {
            code.emit(Op.CONST, l);
            return;
        }
        if (e instanceof Expr.Ident id) {
            Obj o = typed.refs.get(id);
            if (o.kind == Obj.Kind.ENUM_CONST) {
                code.emit(Op.CONST, o.enumValue);
                return;
            }
            addr(e);
            load(t);
        } else if (e instanceof Expr.StrLit || e instanceof Expr.CompoundLit) {
            addr(e);
            load(t);
        } else if (e instanceof Expr.Unary u) {
            unary(u, t);
        } else if (e instanceof Expr.Binary b) {
            binary(b, t);
        } else if (e instanceof Expr.Assign a) {
            assign(a, t);
        } else if (e instanceof Expr.Cond c) {
            conditional(c, t);
        } else if (e instanceof Expr.Index) {
            addr(e);
            load(t);
        } else if (e instanceof Expr.Member m) {
            Type.Member mem = typed.members.get(m);
            if (mem.isBitfield()) {
                addr(e);
                loadBitfield(mem);
            } else {
                addr(e);
                load(t);
            }
        } else if (e instanceof Expr.Cast c) {
            value(c.operand());
            cast(Types.decay(type(c.operand())), t);
        } else if (e instanceof Expr.StmtExpr s) {
            stmtExpr(s);
        } else if (e instanceof Expr.VaArg v) {
            int tmp = temp();
            addr(v.ap());
            code.emit(Op.DUP);
            code.emit(Op.LD8);
            code.emit(Op.LOCAL, tmp);
            code.emit(Op.SWAP);
            code.emit(Op.ST8);
            code.emit(Op.CONST, 8);
            code.emit(Op.ADD);
            code.emit(Op.ST8);
            code.emit(Op.DROP);
            code.emit(Op.LOCAL, tmp);
            code.emit(Op.LD8);
            if (!(t instanceof Type.Struct)) {
                load(t);
            }
        } else if (e instanceof Expr.Generic g) {
            value(typed.generic.get(g));
        } else {
            // sizeof and friends are constants; anything else is a checker bug
            throw new IllegalStateException("cannot lower " + e.getClass().getSimpleName());
        }
    }

    private Object constantValue(Expr e) {
        if (e instanceof Expr.IntLit || e instanceof Expr.CharLit || e instanceof Expr.SizeofExpr
            || e instanceof Expr.SizeofType || e instanceof Expr.Offsetof || e instanceof Expr.TypesCompatible) {
            if (e instanceof Expr.SizeofExpr || e instanceof Expr.SizeofType || e instanceof Expr.Offsetof
                || e instanceof Expr.TypesCompatible) {
                return typed.constants.get(e);
            }
            return constant(typed, e);
        }
        return null;
    }

    private void stmtExpr(Expr.StmtExpr s) {
        List<Stmt> items = s.body().items();
        for (int i = 0; i < items.size(); i++) {
            Stmt st = items.get(i);
            if (i == items.size() - 1 && st instanceof Stmt.ExprStmt es && es.expr() != null) {
                code.line = st.span().line();
                value(es.expr());
                return;
            }
            statement(st);
        }
        code.emit(Op.CONST, 0);
    }

    private void unary(Expr.Unary u, Type t) {
        switch (u.op()) {
            case "&" -> {
                escapes(u.operand());
                addr(u.operand());
            }
            case "*" -> {
                value(u.operand());
                load(t);
            }
            case "+" -> {
                value(u.operand());
                cast(Types.decay(type(u.operand())), t);
            }
            case "-" -> {
                value(u.operand());
                cast(Types.decay(type(u.operand())), t);
                code.emit(Op.NEG);
                normalize(t);
            }
            case "~" -> {
                value(u.operand());
                cast(Types.decay(type(u.operand())), t);
                code.emit(Op.NOT);
                normalize(t);
            }
            case "!" -> {
                value(u.operand());
                code.emit(Op.LNOT);
            }
            default -> incDec(u, t);
        }
    }

    private void incDec(Expr.Unary u, Type t) {
        boolean inc = u.op().endsWith("++");
        boolean post = u.op().startsWith("post");
        long step = t instanceof Type.Ptr p ? Math.max(1, Types.sizeOf(p.base())) : 1;
        Type.Member bf = bitfieldOf(typed, u.operand());
        if (bf != null) {
            int adr = temp(), val = temp(), old = temp();
            addr(u.operand());
            code.emit(Op.LOCAL, adr);
            code.emit(Op.SWAP);
            code.emit(Op.ST8);
            loadBitfield(bf);
            code.emit(Op.LOCAL, old);
            code.emit(Op.SWAP);
            code.emit(Op.ST8);
            code.emit(Op.CONST, step);
            code.emit(inc ? Op.ADD : Op.SUB);
            code.emit(Op.LOCAL, val);
            code.emit(Op.SWAP);
            code.emit(Op.ST8);
            code.emit(Op.DROP);
            storeBitfield(bf, adr, val);
            if (post) {
                code.emit(Op.DROP);
                code.emit(Op.LOCAL, old);
                code.emit(Op.LD8);
            }
            return;
        }
        addr(u.operand());
        code.emit(Op.DUP);
        load(t);
        code.emit(Op.CONST, step);
        code.emit(inc ? Op.ADD : Op.SUB);
        normalize(t);
        store(t);
        if (post) {
            code.emit(Op.CONST, step);
            code.emit(inc ? Op.SUB : Op.ADD);
            normalize(t);
        }
    }

    private void binary(Expr.Binary b, Type t) {
        String op = b.op();
        switch (op) {
            case "," -> {
                value(b.left());
                code.emit(Op.DROP);
                value(b.right());
                return;
            }
            case "&&", "||" -> {
                int out = code.label(), end = code.label();
                boolean and = op.equals("&&");
                value(b.left());
                code.jump(and ? Op.JZ : Op.JNZ, out);
                value(b.right());
                code.jump(and ? Op.JZ : Op.JNZ, out);
                code.emit(Op.CONST, and ? 1 : 0);
                code.jump(Op.JMP, end);
                code.place(out);
                code.emit(Op.CONST, and ? 0 : 1);
                code.place(end);
                return;
            }
            default -> { }
        }
        Type lt = Types.decay(type(b.left()));
        Type rt = Types.decay(type(b.right()));
        if ((op.equals("+") || op.equals("-")) && (lt instanceof Type.Ptr || rt instanceof Type.Ptr)) {
            pointerArith(b, op, lt, rt);
            return;
        }
        boolean compare = switch (op) {
            case "==", "!=", "<", "<=", ">", ">=" -> true;
            default -> false;
        };
        Type opType = !compare ? t
            : Types.isInteger(lt) && Types.isInteger(rt) ? Types.usualArith(lt, rt) : Type.ULONG;
        value(b.left());
        cast(lt, opType);
        value(b.right());
        if (!op.equals("<<") && !op.equals(">>")) cast(rt, opType);
        boolean uns = Types.isUnsigned(opType);
        switch (op) {
            case "==" -> code.emit(Op.EQ);
            case "!=" -> code.emit(Op.NE);
            case "<" -> code.emit(uns ? Op.LTU : Op.LTS);
            case "<=" -> code.emit(uns ? Op.LEU : Op.LES);
            case ">" -> code.emit(uns ? Op.GTU : Op.GTS);
            case ">=" -> code.emit(uns ? Op.GEU : Op.GES);
            default -> arith(op, uns);
        }
        if (!compare) normalize(t);
    }

    /** Emits the instruction of arithmetic or bitwise operator {@code op} on operands of the given signedness. */
    private void arith(String op, boolean uns) {
        switch (op) {
            case "+" -> code.emit(Op.ADD);
            case "-" -> code.emit(Op.SUB);
            case "*" -> code.emit(Op.MUL);
            case "/" -> code.emit(uns ? Op.DIVU : Op.DIVS);
            case "%" -> code.emit(uns ? Op.REMU : Op.REMS);
            case "&" -> code.emit(Op.AND);
            case "|" -> code.emit(Op.OR);
            case "^" -> code.emit(Op.XOR);
            case "<<" -> code.emit(Op.SHL);
            case ">>" -> code.emit(uns ? Op.SHRU : Op.SHRS);
            default -> throw new IllegalStateException("operator " + op);
        }
    }

    private void pointerArith(Expr.Binary b, String op, Type lt, Type rt) {
        if (lt instanceof Type.Ptr lp && rt instanceof Type.Ptr) {
            value(b.left());
            value(b.right());
            code.emit(Op.SUB);
            long size = Math.max(1, Types.sizeOf(lp.base()));
            if (size != 1) {
                code.emit(Op.CONST, size);
                code.emit(Op.DIVS);
            }
            return;
        }
        Expr ptr = lt instanceof Type.Ptr ? b.left() : b.right();
        Expr idx = lt instanceof Type.Ptr ? b.right() : b.left();
        Type pt = Types.decay(type(ptr));
        value(ptr);
        value(idx);
        scale(((Type.Ptr) pt).base());
        code.emit(op.equals("+") ? Op.ADD : Op.SUB);
    }

    private void assign(Expr.Assign a, Type t) {
        Type tt = Types.unqual(type(a.target()));
        Type vt = Types.decay(type(a.value()));
        Type.Member bf = bitfieldOf(typed, a.target());
        if (bf != null) {
            int adr = temp(), val = temp();
            addr(a.target());
            code.emit(Op.LOCAL, adr);
            code.emit(Op.SWAP);
            code.emit(Op.ST8);
            code.emit(Op.DROP);
            if (a.op().equals("=")) {
                value(a.value());
                cast(vt, tt);
            } else {
                code.emit(Op.LOCAL, adr);
                code.emit(Op.LD8);
                loadBitfield(bf);
                compound(a.op(), tt, vt, a.value());
            }
            code.emit(Op.LOCAL, val);
            code.emit(Op.SWAP);
            code.emit(Op.ST8);
            code.emit(Op.DROP);
            storeBitfield(bf, adr, val);
            return;
        }
        addr(a.target());
        if (a.op().equals("=")) {
            value(a.value());
            cast(vt, tt);
            store(tt);
            return;
        }
        code.emit(Op.DUP);
        load(tt);
        compound(a.op(), tt, vt, a.value());
        store(tt);
    }

    /** Stack: old value of type tt → new value of type tt for compound assignment {@code op}. */
    private void compound(String assignOp, Type tt, Type vt, Expr value) {
        String op = assignOp.substring(0, assignOp.length() - 1);
        if (tt instanceof Type.Ptr p) {
            value(value);
            scale(p.base());
            code.emit(op.equals("+") ? Op.ADD : Op.SUB);
            return;
        }
        Type opType = op.equals("<<") || op.equals(">>") ? Types.promote(tt) : Types.usualArith(tt, vt);
        cast(tt, opType);
        value(value);
        if (!op.equals("<<") && !op.equals(">>")) cast(vt, opType);
        arith(op, Types.isUnsigned(opType));
        normalize(opType);
        cast(opType, tt);
    }

    private void conditional(Expr.Cond c, Type t) {
        int otherwise = code.label(), end = code.label();
        if (c.then() == null) {
            value(c.cond());
            cast(Types.decay(type(c.cond())), t);
            code.emit(Op.DUP);
            code.jump(Op.JNZ, end);
            code.emit(Op.DROP);
            value(c.otherwise());
            cast(Types.decay(type(c.otherwise())), t);
            code.place(end);
            return;
        }
        value(c.cond());
        code.jump(Op.JZ, otherwise);
        value(c.then());
        cast(Types.decay(type(c.then())), t);
        code.jump(Op.JMP, end);
        code.place(otherwise);
        value(c.otherwise());
        cast(Types.decay(type(c.otherwise())), t);
        code.place(end);
    }

    // ---- calls ---------------------------------------------------------------------------------

    /** Pushes argument i of call c, converted to its parameter's type under a prototype. */
    private void argument(Expr.Call c, Type.Func f, int i) {
        Expr a = c.args().get(i);
        Type at = Types.decay(type(a));
        value(a);
        if (f.prototype() && i < f.params().size()) {
            cast(at, f.params().get(i));
        }
    }

    /**
     * Whether the order of evaluating these arguments can be seen: some argument has a side effect
     * and another is more than a constant. Then they are evaluated right to left, as gcc does on
     * x86-64; otherwise left to right, which is cheaper and indistinguishable.
     */
    static boolean rightToLeft(java.util.List<Expr> args) {
        if (args.size() < 2 || args.stream().noneMatch(ExprLowerer::hasSideEffects)) {
            return false;
        }
        return args.stream().filter(a -> !(a instanceof Expr.IntLit || a instanceof Expr.StrLit
                || a instanceof Expr.CharLit || a instanceof Expr.FloatLit)).count() >= 2;
    }

    /** True if evaluating e may change state another argument could observe (calls, stores, ++/--). */
    static boolean hasSideEffects(Expr e) {
        if (e instanceof Expr.Call || e instanceof Expr.Assign || e instanceof Expr.StmtExpr || e instanceof Expr.VaArg) {
            return true;
        }
        if (e instanceof Expr.Unary u) {
            return u.op().contains("++") || u.op().contains("--") || hasSideEffects(u.operand());
        }
        if (e instanceof Expr.Binary b) {
            return hasSideEffects(b.left()) || hasSideEffects(b.right());
        }
        if (e instanceof Expr.Cond c) {
            return hasSideEffects(c.cond()) || hasSideEffects(c.then()) || hasSideEffects(c.otherwise());
        }
        if (e instanceof Expr.Index i) {
            return hasSideEffects(i.base()) || hasSideEffects(i.index());
        }
        if (e instanceof Expr.Member m) {
            return hasSideEffects(m.base());
        }
        if (e instanceof Expr.Cast c) {
            return hasSideEffects(c.operand());
        }
        if (e instanceof Expr.Generic g) {
            return g.values().stream().anyMatch(ExprLowerer::hasSideEffects);
        }
        return false;
    }

    /** Pushes the answers a call passes to its callee's hidden parameters (Typed.Hidden); returns how many. */
    private int hiddenArguments(Expr.Call c, Obj callee) {
        List<Typed.HiddenArg> given = typed.hiddenArgs.get(c);
        for (int i = 0; i < callee.hidden.size(); i++) {
            Typed.HiddenArg a = given != null && i < given.size() ? given.get(i) : null;
            if (a != null && a.value() == null) {
                code.emit(Op.LOCAL, hiddenOffsets[a.forward()]);
                code.emit(Op.LD8);
            } else {
                // a call checked before the callee's body asked (a prototype first): gcc's "unknown"
                code.emit(Op.CONST, a != null ? a.value() : callee.hidden.get(i).unknown());
            }
        }
        return callee.hidden.size();
    }

    void call(Expr.Call c) {
        String builtin = typed.builtins.get(c);
        if (builtin != null) {
            BuiltinLowering.lower(this, c, builtin);
            return;
        }
        if (typed.compileTimeCalls.contains(c)) {
            // gcc reported it at the callers where it stays (sema's InlineChecks) and dropped it at the
            // others; the kernel's warning functions do nothing, its error ones never link
            for (Expr a : c.args()) {
                value(a);
                code.emit(Op.DROP);
            }
            code.emit(Op.CONST, 0);
            return;
        }
        int line = code.line;
        code.line = c.span().line();
        Type ct = Types.decay(type(c.callee()));
        Type.Func f = (Type.Func) ((Type.Ptr) ct).base();
        Obj direct = null;
        if (c.callee() instanceof Expr.Ident id) {
            Obj o = typed.refs.get(id);
            if (o != null && o.kind == Obj.Kind.FUNC) direct = o;
        }
        if (direct == null) value(c.callee());
        int argc = c.args().size();
        Type ret = Types.unqual(f.ret());
        int retTemp = -1;
        if (ret instanceof Type.Struct) {
            retTemp = alloc(Types.sizeOf(ret), Types.alignOf(ret));
            code.emit(Op.LOCAL, retTemp);
            argc++;
        }
        if (rightToLeft(c.args())) {
            // gcc evaluates the arguments of a call right to left: into temporaries, pushed in order.
            int n = c.args().size();
            int[] temps = new int[n];
            for (int i = n - 1; i >= 0; i--) {
                argument(c, f, i);
                temps[i] = temp();
                code.emit(Op.LOCAL, temps[i]);
                code.emit(Op.SWAP);
                code.emit(Op.ST8);
                code.emit(Op.DROP);
            }
            for (int i = 0; i < n; i++) {
                code.emit(Op.LOCAL, temps[i]);
                code.emit(Op.LD8);
            }
        } else {
            for (int i = 0; i < c.args().size(); i++) {
                argument(c, f, i);
            }
        }
        if (direct != null && direct.hidden != null) {
            argc += hiddenArguments(c, direct);
        }
        if (direct != null) {
            code.emit(Op.CALL, module.sym(direct), argc);
        } else {
            code.emit(Op.CALLI, 0, argc);
        }
        if (tailCandidates.contains(c)) {
            tailPcs.add(code.size() - 1);
        }
        if ((conditional > 0 || earlyExit) && !coldFunction && cold(direct)) {
            coldPcs.add(code.size() - 1);
        }
        if (Types.isInteger(ret)) normalize(ret);
        code.line = line;
    }
}
