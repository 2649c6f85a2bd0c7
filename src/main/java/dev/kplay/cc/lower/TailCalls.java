package dev.kplay.cc.lower;

import dev.kplay.cc.parse.Expr;
import dev.kplay.cc.parse.Stmt;
import dev.kplay.cc.sema.Obj;
import dev.kplay.cc.sema.Type;
import dev.kplay.cc.sema.Typed;
import dev.kplay.cc.sema.Types;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/*
 * gcc -O2 compiles a call whose result is the function's own result, or after which a void
 * function just returns, to a jump (-foptimize-sibling-calls; Linux turns it off only for kernels
 * with frame pointers, and Debian's amd64 kernel uses the ORC unwinder instead): the callee returns
 * straight to the caller's caller, so while it runs the caller has no frame, and a call trace taken
 * inside it lists the caller's caller next ("simple_read_from_buffer, proc_reg_read" for a read
 * handler that ends in "return simple_read_from_buffer(...)"). kplay keeps the frame (the VM does
 * not reuse it) but marks such calls, so traces leave the frame out as Linux's do.
 *
 * Which calls, after tree-tailcall.cc and calls.cc as they apply to kernel code:
 * - "return f(...);" whose value needs no conversion to the function's return type (same width,
 *   integers and pointers), or, in a void function, a call statement after which control leaves the
 *   function (the last statement, also inside an if or a statement expression such as printk's);
 * - not when a local's or parameter's address escapes in the function (taken with & or an array
 *   used as a pointer): the callee might use the caller's frame (gcc proves less in some such cases;
 *   kplay assumes the frame is needed);
 * - not to a noreturn function, not with struct arguments or results, and not when the callee needs
 *   more stack arguments (past the sixth) than the caller received.
 */

/** The calls of one function's body that gcc would make sibling calls, found before lowering. */
final class TailCalls {
    private final Typed typed;
    private final Type returnType;
    private final int callerParams;
    private final Set<Expr.Call> calls = Collections.newSetFromMap(new IdentityHashMap<>());

    private TailCalls(Typed typed, Type returnType, int callerParams) {
        this.typed = typed;
        this.returnType = returnType;
        this.callerParams = callerParams;
    }

    /** The candidate calls of {@code info}'s body (the address check comes after lowering, see FunctionLowerer). */
    static Set<Expr.Call> of(Typed typed, Typed.FunctionInfo info, Type returnType) {
        TailCalls t = new TailCalls(typed, returnType, info.params().size());
        if (!(returnType instanceof Type.Struct)) {
            t.stmt(info.def().body(), true);
        }
        return t.calls;
    }

    /** Walks s; {@code atEnd}: control leaves the function right after s. */
    private void stmt(Stmt s, boolean atEnd) {
        if (s instanceof Stmt.Block b) {
            List<Stmt> items = b.items();
            for (int i = 0; i < items.size(); i++) {
                boolean last = i == items.size() - 1 ? atEnd : isBareReturn(items.get(i + 1));
                stmt(items.get(i), last);
            }
        } else if (s instanceof Stmt.If i) {
            stmt(i.then(), atEnd);
            stmt(i.otherwise(), atEnd);
        } else if (s instanceof Stmt.Labeled l) {
            stmt(l.body(), atEnd);
        } else if (s instanceof Stmt.While w) {
            stmt(w.body(), false);
        } else if (s instanceof Stmt.DoWhile d) {
            stmt(d.body(), false);
        } else if (s instanceof Stmt.For f) {
            stmt(f.body(), false);
        } else if (s instanceof Stmt.Switch sw) {
            stmt(sw.body(), false);
        } else if (s instanceof Stmt.Case c) {
            stmt(c.body(), false);
        } else if (s instanceof Stmt.Default d) {
            stmt(d.body(), false);
        } else if (s instanceof Stmt.Return r && r.value() != null) {
            returned(r.value());
        } else if (s instanceof Stmt.ExprStmt es && atEnd && returnType instanceof Type.Void) {
            discarded(es.expr());
        }
    }

    private static boolean isBareReturn(Stmt s) {
        return s instanceof Stmt.Return r && r.value() == null;
    }

    /** "return e;": a call whose value is returned as it is. */
    private void returned(Expr e) {
        while (e instanceof Expr.Cast c && sameRegister(typed.type(c.operand()), typed.type(c))) {
            e = c.operand();
        }
        if (e instanceof Expr.Call c && (returnType instanceof Type.Void || sameRegister(typed.type(c), returnType))) {
            call(c);
        }
    }

    /** The last statement of a void function: a call whose value, if any, is dropped. */
    private void discarded(Expr e) {
        if (e instanceof Expr.Cast c && Types.unqual(typed.type(c)) instanceof Type.Void) {
            discarded(c.operand());
        } else if (e instanceof Expr.StmtExpr se && !se.body().items().isEmpty()
                && se.body().items().get(se.body().items().size() - 1) instanceof Stmt.ExprStmt last) {
            discarded(last.expr());
        } else if (e instanceof Expr.Call c && !(Types.unqual(typed.type(c)) instanceof Type.Struct)) {
            call(c);
        }
    }

    private void call(Expr.Call c) {
        if (typed.builtins.get(c) != null || noreturn(c)) {
            return;
        }
        for (Expr a : c.args()) {
            if (Types.unqual(typed.type(a)) instanceof Type.Struct) {
                return;
            }
        }
        if (Math.max(0, c.args().size() - 6) > Math.max(0, callerParams - 6)) {
            return;
        }
        calls.add(c);
    }

    private boolean noreturn(Expr.Call c) {
        if (c.callee() instanceof Expr.Ident id) {
            Obj o = typed.refs.get(id);
            return o != null && o.noreturn();
        }
        return false;
    }

    /** Whether a value of type a is one of type b in the return register with no instruction between. */
    private static boolean sameRegister(Type a, Type b) {
        a = Types.decay(Types.unqual(a));
        b = Types.decay(Types.unqual(b));
        boolean scalarA = Types.isInteger(a) || a instanceof Type.Ptr;
        boolean scalarB = Types.isInteger(b) || b instanceof Type.Ptr;
        if (!scalarA || !scalarB || Types.sizeOf(a) != Types.sizeOf(b)) {
            return false;
        }
        return isBool(a) == isBool(b);     // a _Bool result is a byte gcc zero-extends for a wider type
    }

    private static boolean isBool(Type t) {
        return Types.isInteger(t) && Types.kind(t) == Type.IntKind.BOOL;
    }
}
