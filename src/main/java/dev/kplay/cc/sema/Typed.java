package dev.kplay.cc.sema;

import dev.kplay.cc.parse.Decl;
import dev.kplay.cc.parse.Expr;
import dev.kplay.cc.parse.Initializer;
import dev.kplay.cc.parse.Stmt;
import dev.kplay.cc.parse.TypeName;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The checker's side tables for one translation unit, keyed by node identity (the AST records
 * are values; a macro used twice yields equal records at the same span, so identity it must be).
 * Lowering reads only these tables and the AST.
 */
public final class Typed {
    /** The type of each expression after checking (before lvalue conversion: arrays stay arrays). */
    public final Map<Expr, Type> types = new IdentityHashMap<>();
    /** What each identifier expression names. */
    public final Map<Expr.Ident, Obj> refs = new IdentityHashMap<>();
    /** How many calls name each function directly (f(x), not through a pointer). */
    public final Map<Obj, Integer> directCalls = new IdentityHashMap<>();
    /** A direct call of a function and the function it is in (the last one checked: the only one of a function called once). */
    public record CallSite(Expr.Call call, Obj caller) {}
    public final Map<Obj, CallSite> lastCall = new IdentityHashMap<>();

    /** How many expressions name each object or function (once the file is checked). */
    public Map<Obj, Integer> referenceCounts() {
        Map<Obj, Integer> n = new IdentityHashMap<>();
        for (Obj o : refs.values()) {
            n.merge(o, 1, Integer::sum);
        }
        return n;
    }

    /**
     * Whether gcc -O2 inlines fn into its caller because it is called once (-finline-functions-called-once):
     * a static function of a .c file, named by one call and nowhere else (its address never taken), not
     * noinline, cold or used, not variadic. {@code references}: referenceCounts().
     */
    public boolean calledOnce(Obj fn, Map<Obj, Integer> references) {
        return fn.isStatic && fn.span != null && !fn.span.file().name().endsWith(".h") && fn.attr("noinline") == null
                && fn.attr("cold") == null && fn.attr("used") == null && directCalls.getOrDefault(fn, 0) == 1
                && !(fn.type instanceof Type.Func f && f.variadic()) && references.getOrDefault(fn, 0) == 1;
    }
    /** The member each member access selects, offset accumulated through anonymous members. */
    public final Map<Expr.Member, Type.Member> members = new IdentityHashMap<>();
    /** Values of integer constant expressions the checker evaluated (case labels, array sizes). */
    public final Map<Expr, Long> constants = new IdentityHashMap<>();
    /** ConstEval's result for each typed binary expression it has folded (a long chain then folds in linear time). */
    public final Map<Expr.Binary, Optional<Object>> folded = new IdentityHashMap<>();
    /** The object each init-declarator / parameter declares. */
    public final Map<Object, Obj> declared = new IdentityHashMap<>();
    public final Map<TypeName, Type> typeNames = new IdentityHashMap<>();
    /** Brace and scalar initializers flattened to stores at offsets of the initialized object. */
    public final Map<Initializer, InitLayout.Flat> inits = new IdentityHashMap<>();
    /** Builtin calls resolved by name ("__builtin_expect"...), so lowering need not re-check. */
    public final Map<Expr.Call, String> builtins = new IdentityHashMap<>();
    /** For _Generic: the selected association. */
    public final Map<Expr.Generic, Expr> generic = new IdentityHashMap<>();
    /** Type instances that were written with a typedef name ("size_t"), for gcc's "{aka ...}" messages. */
    public final Map<Type, String> typedefNames = new IdentityHashMap<>();
    /** Functions in definition order, with their parameters and all their locals. */
    public final List<FunctionInfo> functions = new ArrayList<>();
    /** File-scope objects and functions in declaration order (includes static locals). */
    public final List<Obj> globals = new ArrayList<>();

    /** A checked function definition. */
    /**
     * A compile-time question an inline function asks of its parameter {@code param}: kind 0..3 is
     * __builtin_object_size(param, kind), 4 is __builtin_constant_p(param). gcc answers it in each
     * caller after inlining; kplay compiles the function out of line, so each caller passes the answer
     * it has (a constant, or its own hidden argument when it passes its parameter on).
     */
    public record Hidden(int param, int kind) {
        public static final int CONSTANT_P = 4;

        /** What the answer is when the caller cannot tell: the builtin's "unknown". */
        public long unknown() {
            return kind == CONSTANT_P ? 0 : (kind & 2) == 0 ? -1 : 0;
        }
    }

    /** A hidden argument at a call: {@code value}, or the caller's own hidden argument {@code forward} (value null). */
    public record HiddenArg(Long value, int forward) {}

    /**
     * A call, in a function gcc inlines everywhere, of a function declared with
     * __attribute__((error(msg))) or ((warning(msg))), under the if conditions {@code guards}
     * (then branch where {@code senses} says true, else branch where false): gcc reports it in each
     * caller where, after inlining, the conditions fold to true (see InlineChecks). Such calls are
     * {@code compileTimeCalls}, which lowering drops. {@code fns}: the function the call is in, then
     * the always_inline functions it is inlined into in turn (check_copy_size, copy_to_user);
     * {@code sites}: where each of those calls the one before (one fewer).
     */
    public final java.util.Set<Expr.Call> compileTimeCalls = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

    public record GuardedCall(Expr.Call call, Obj target, List<Expr> guards, List<Boolean> senses, List<Obj> fns,
                              List<Expr.Call> sites) {}

    /** The library functions __builtin_strcpy and friends call where a static inline of the same name hides them. */
    public final Map<String, Obj> libraryFunctions = new java.util.HashMap<>();

    /** Builtin calls answered by a hidden argument of the function they are in: the argument's index. */
    public final Map<Expr.Call, Integer> hiddenUses = new IdentityHashMap<>();
    /** The hidden arguments of calls to functions that take some, in the callee's order. */
    public final Map<Expr.Call, List<HiddenArg>> hiddenArgs = new IdentityHashMap<>();

    public record FunctionInfo(Obj fn, Decl.FunctionDef def, List<Obj> params, List<Obj> locals,
                               Map<Stmt.Switch, List<Stmt>> cases) {}

    public Type type(Expr e) {
        Type t = types.get(e);
        if (t == null) throw new IllegalStateException("untyped expression at " + e.span().line() + ":" + e.span().column());
        return t;
    }
}
