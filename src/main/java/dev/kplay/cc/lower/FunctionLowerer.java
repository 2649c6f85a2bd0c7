package dev.kplay.cc.lower;

import dev.kplay.cc.diag.CpuLimit;
import dev.kplay.cc.parse.Decl;
import dev.kplay.cc.parse.Expr;
import dev.kplay.cc.parse.Initializer;
import dev.kplay.cc.parse.Stmt;
import dev.kplay.cc.sema.InitLayout;
import dev.kplay.cc.sema.Obj;
import dev.kplay.cc.sema.Type;
import dev.kplay.cc.sema.Typed;
import dev.kplay.cc.sema.Types;
import dev.kplay.ko.Function;
import dev.kplay.vm.Insn;
import dev.kplay.vm.Op;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One function to code: the frame layout (parameters where the VM stores the arguments, then every
 * local of every block at its own offset, then temporaries), and the statements. Calling convention
 * for structs: a struct argument is passed as the address of the caller's object and copied into
 * the callee's frame by the prologue; a struct result is written through a hidden first argument
 * (the caller's temporary), whose address the function returns.
 */
final class FunctionLowerer extends ExprLowerer {
    private final Typed.FunctionInfo info;
    private final Deque<Integer> breaks = new ArrayDeque<>();
    private final Deque<Integer> continues = new ArrayDeque<>();
    private final Map<String, Integer> labels = new HashMap<>();
    private final Map<Stmt, Integer> caseLabels = new IdentityHashMap<>();
    private int hiddenReturn = -1;
    private Type returnType;

    FunctionLowerer(Lowerer module, Typed.FunctionInfo info) {
        super(module);
        this.info = info;
    }

    Function lower() {
        Obj fn = info.fn();
        Type.Func ft = (Type.Func) fn.type;
        returnType = Types.unqual(ft.ret());
        List<Function.Param> params = new ArrayList<>();
        List<int[]> structCopies = new ArrayList<>();   // {slot, local, size}
        if (returnType instanceof Type.Struct) {
            hiddenReturn = alloc(8, 8);
            params.add(new Function.Param(hiddenReturn, 8));
        }
        for (Obj p : info.params()) {
            Type t = p.type;
            if (t instanceof Type.Struct) {
                int slot = alloc(8, 8);
                int local = alloc(Types.sizeOf(t), Types.alignOf(t));
                params.add(new Function.Param(slot, 8));
                offsets.put(p, local);
                structCopies.add(new int[] {slot, local, (int) Types.sizeOf(t)});
            } else {
                int size = (int) Math.min(8, Math.max(1, Types.sizeOf(t)));
                int off = alloc(size, size);
                params.add(new Function.Param(off, size));
                offsets.put(p, off);
            }
        }
        if (fn.hidden != null) {
            // after the declared parameters: the answers each caller passes (Typed.Hidden)
            hiddenOffsets = new int[fn.hidden.size()];
            for (int i = 0; i < hiddenOffsets.length; i++) {
                hiddenOffsets[i] = alloc(8, 8);
                params.add(new Function.Param(hiddenOffsets[i], 8));
            }
        }
        int arrays = 0;
        for (Obj o : info.locals()) {
            int align = Math.max(Types.alignOf(o.type), alignAttr(o));
            if (StackProtector.guarded(o)) {
                // placed under the canary once the body is lowered (StackProtector.apply): an offset of its own until then
                arrays = (arrays + align - 1) / align * align;
                offsets.put(o, StackProtector.UNPLACED + arrays);
                arrays += (int) Math.max(1, Types.sizeOf(o.type));
            } else {
                offsets.put(o, alloc(Types.sizeOf(o.type), align));
            }
        }
        code.line = info.def().span().line();
        tailCandidates = TailCalls.of(typed, info, returnType);
        coldFunction = cold(fn);
        for (int[] c : structCopies) {
            code.emit(Op.LOCAL, c[1]);
            code.emit(Op.LOCAL, c[0]);
            code.emit(Op.LD8);
            code.emit(Op.COPY, c[2]);
            code.emit(Op.DROP);
        }
        statement(info.def().body());
        code.line = info.def().body().close().line();
        if (hiddenReturn >= 0) {
            code.emit(Op.LOCAL, hiddenReturn);
            code.emit(Op.LD8);
        } else {
            code.emit(Op.CONST, 0);
        }
        code.emit(Op.RET);
        if (arrays > 0 || addressEscapes && module.stackProtector) {
            StackProtector.apply(this, info.locals(), info.def().span().line(), info.def().body().close().line(),
                    module.stackProtector);
        }
        List<Insn> insns = code.finish();
        int[] pc = code.pcOffsets(insns);
        int end = pc[insns.size()] + 1;
        int size = (end + 15) / 16 * 16;
        int frameSize = (frame + 15) / 16 * 16;
        String section = Lowerer.sectionAttr(fn);
        if (section == null) section = ".text";
        // gcc -O2 compiles a static inline function (a header's, or one of the file's) and a function
        // called once into their callers
        boolean inlined = fn.isStatic && fn.inline && fn.span != null || module.calledOnce(fn);
        // a frame another function may reach keeps every call a call (see TailCalls)
        int[] tail = addressEscapes ? new int[0] : tailPcs.stream().mapToInt(Integer::intValue).sorted().toArray();
        int[] cold = coldFunction ? Function.WHOLLY_COLD : coldPcs.stream().mapToInt(Integer::intValue).sorted().toArray();
        return new Function(fn.symbol, section, 0, size, !fn.isStatic, ft.variadic(), List.copyOf(params), frameSize,
            insns, Arrays.copyOf(pc, insns.size()), code.lines(), inlined, tail, cold);
    }

    int alignAttr(Obj o) {
        var a = o.attr("aligned");
        if (a == null) return 1;
        if (a.args().isEmpty()) return 16;
        Long v = new dev.kplay.cc.sema.ConstEval(typed).intValue(a.args().get(0));
        return v == null ? 1 : v.intValue();
    }

    // ---- statements ----------------------------------------------------------------------------

    @Override
    void statement(Stmt s) {
        CpuLimit.tick();
        if (s == null) return;
        if (!(s instanceof Stmt.Block)) code.line = s.span().line();
        if (s instanceof Stmt.Block b) {
            for (Stmt i : b.items()) statement(i);
        } else if (s instanceof Stmt.ExprStmt es) {
            if (es.expr() != null) {
                value(es.expr());
                code.emit(Op.DROP);
            }
        } else if (s instanceof Stmt.DeclStmt ds) {
            if (ds.decl() instanceof Decl.Declaration d) {
                for (Decl.InitDeclarator id : d.declarators()) {
                    Obj o = typed.declared.get(id);
                    if (o == null || id.init() == null) continue;
                    Integer off = offsets.get(o);
                    if (off != null) initLocal(o, off);
                }
            }
        } else if (s instanceof Stmt.If i) {
            int otherwise = code.label(), end = code.label();
            value(i.cond());
            code.jump(Op.JZ, otherwise);
            conditional++;
            statement(i.then());
            code.jump(Op.JMP, end);
            code.place(otherwise);
            statement(i.otherwise());
            conditional--;
            code.place(end);
        } else if (s instanceof Stmt.While w) {
            int top = code.label(), end = code.label();
            code.place(top);
            value(w.cond());
            code.jump(Op.JZ, end);
            conditional++;
            loopBody(w.body(), end, top);
            conditional--;
            code.jump(Op.JMP, top);
            code.place(end);
        } else if (s instanceof Stmt.DoWhile d && d.cond() instanceof Expr.IntLit z && z.text().equals("0")
                   && d.body() instanceof Stmt.Block b && b.items().isEmpty()) {
            // do {} while (0), the kernel's empty statement (__printk_index_emit in every printk):
            // no code, as gcc makes none
        } else if (s instanceof Stmt.DoWhile d) {
            int top = code.label(), cont = code.label(), end = code.label();
            code.place(top);
            loopBody(d.body(), end, cont);
            code.place(cont);
            code.line = d.cond().span().line();
            value(d.cond());
            code.jump(Op.JNZ, top);
            code.place(end);
        } else if (s instanceof Stmt.For f) {
            int top = code.label(), cont = code.label(), end = code.label();
            statement(f.init());
            code.place(top);
            if (f.cond() != null) {
                value(f.cond());
                code.jump(Op.JZ, end);
            }
            conditional++;
            loopBody(f.body(), end, cont);
            conditional--;
            code.place(cont);
            if (f.step() != null) {
                value(f.step());
                code.emit(Op.DROP);
            }
            code.jump(Op.JMP, top);
            code.place(end);
        } else if (s instanceof Stmt.Switch sw) {
            conditional++;
            switchStmt(sw);
            conditional--;
        } else if (s instanceof Stmt.Case c) {
            code.place(caseLabel(c));
            statement(c.body());
        } else if (s instanceof Stmt.Default d) {
            code.place(caseLabel(d));
            statement(d.body());
        } else if (s instanceof Stmt.Break) {
            code.jump(Op.JMP, breaks.peek());
        } else if (s instanceof Stmt.Continue) {
            code.jump(Op.JMP, continues.peek());
        } else if (s instanceof Stmt.Return r) {
            returnStmt(r);
        } else if (s instanceof Stmt.Goto g) {
            code.jump(Op.JMP, label(g.label()));
        } else if (s instanceof Stmt.GotoExpr g) {
            value(g.target());
            code.emit(Op.DROP);
            code.emit(Op.TRAP, g.span().line());
        } else if (s instanceof Stmt.Labeled l) {
            code.place(label(l.label()));
            statement(l.body());
        }
        // Asm barriers: nothing
    }

    private int label(String name) {
        return labels.computeIfAbsent(name, n -> code.label());
    }

    private int caseLabel(Stmt s) {
        return caseLabels.computeIfAbsent(s, k -> code.label());
    }

    private void loopBody(Stmt body, int brk, int cont) {
        breaks.push(brk);
        continues.push(cont);
        statement(body);
        breaks.pop();
        continues.pop();
    }

    /** A compare chain over the case labels (gcc would use a jump table for dense cases). */
    private void switchStmt(Stmt.Switch sw) {
        Type ct = Types.promote(Types.decay(type(sw.cond())));
        int tmp = temp();
        code.emit(Op.LOCAL, tmp);
        value(sw.cond());
        cast(Types.decay(type(sw.cond())), ct);
        code.emit(Op.ST8);
        code.emit(Op.DROP);
        int end = code.label();
        Integer dflt = null;
        boolean uns = Types.isUnsigned(ct);
        for (Stmt s : info.cases().getOrDefault(sw, List.of())) {
            if (s instanceof Stmt.Default d) {
                dflt = caseLabel(d);
                continue;
            }
            Stmt.Case c = (Stmt.Case) s;
            long lo = normalized(typed.constants.get(c.lo()), ct);
            code.emit(Op.LOCAL, tmp);
            code.emit(Op.LD8);
            code.emit(Op.CONST, lo);
            if (c.hi() == null) {
                code.emit(Op.EQ);
            } else {
                long hi = normalized(typed.constants.get(c.hi()), ct);
                code.emit(uns ? Op.GEU : Op.GES);
                code.emit(Op.LOCAL, tmp);
                code.emit(Op.LD8);
                code.emit(Op.CONST, hi);
                code.emit(uns ? Op.LEU : Op.LES);
                code.emit(Op.AND);
            }
            code.jump(Op.JNZ, caseLabel(c));
        }
        code.jump(Op.JMP, dflt != null ? dflt : end);
        breaks.push(end);
        statement(sw.body());
        breaks.pop();
        code.place(end);
    }

    private static long normalized(Long v, Type t) {
        return dev.kplay.cc.sema.ConstEval.normalize(v == null ? 0 : v, t);
    }

    private void returnStmt(Stmt.Return r) {
        if (conditional > 0) earlyExit = true;
        if (hiddenReturn >= 0) {
            code.emit(Op.LOCAL, hiddenReturn);
            code.emit(Op.LD8);
            value(r.value());
            code.emit(Op.COPY, Types.sizeOf(returnType));
            code.emit(Op.RET);
            return;
        }
        if (r.value() == null) {
            code.emit(Op.CONST, 0);
        } else {
            value(r.value());
            Type vt = Types.decay(type(r.value()));
            if (returnType instanceof Type.Void) {
                code.emit(Op.DROP);
                code.emit(Op.CONST, 0);
            } else {
                cast(vt, returnType);
            }
        }
        code.emit(Op.RET);
    }

    // ---- initializers --------------------------------------------------------------------------

    /** Emits the initialization of local {@code o} (an automatic variable or compound literal). */
    @Override
    void initLocal(Obj o, int off) {
        if (o.init == null) return;
        InitLayout.Flat flat = typed.inits.get(o.init);
        if (flat == null) return;
        long size = Types.sizeOf(o.type);
        boolean zeroFirst = o.init instanceof Initializer.List_;
        if (!zeroFirst && flat.entries().size() == 1 && flat.entries().get(0).expr() instanceof Expr.StrLit s
            && o.type instanceof Type.Arr) {
            zeroFirst = s.bytes().length + 1 < size;
        }
        if (zeroFirst) {
            code.emit(Op.LOCAL, off);
            code.emit(Op.ZERO, size);
        }
        for (InitLayout.Entry e : flat.entries()) {
            long at = off + e.offset();
            if (e.expr() instanceof Expr.StrLit s && e.type() instanceof Type.Arr a) {
                long n = Math.min(s.bytes().length + 1, a.length());
                code.emit(Op.LOCAL, at);
                code.emit(Op.SYM, module.string(s.bytes()));
                code.emit(Op.COPY, n);
                code.emit(Op.DROP);
                continue;
            }
            if (e.bitfield() != null) {
                int adr = temp(), val = temp();
                code.emit(Op.LOCAL, adr);
                code.emit(Op.LOCAL, at);
                code.emit(Op.ST8);
                code.emit(Op.DROP);
                code.emit(Op.LOCAL, val);
                value(e.expr());
                cast(Types.decay(type(e.expr())), e.type());
                code.emit(Op.ST8);
                code.emit(Op.DROP);
                storeBitfield(e.bitfield(), adr, val);
                code.emit(Op.DROP);
                continue;
            }
            code.emit(Op.LOCAL, at);
            value(e.expr());
            cast(Types.decay(type(e.expr())), e.type());
            store(Types.unqual(e.type()));
            code.emit(Op.DROP);
        }
    }
}
