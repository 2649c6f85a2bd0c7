package dev.kplay.cc.sema;

import dev.kplay.cc.diag.CpuLimit;
import dev.kplay.cc.diag.Diagnostics;
import dev.kplay.cc.diag.Severity;
import dev.kplay.cc.parse.Expr;
import dev.kplay.cc.parse.Stmt;
import dev.kplay.cc.source.Span;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Expression checking: computes each expression's type (6.5), applies the conversions C implies,
 * resolves identifiers and members, and reports gcc's errors and warnings with gcc's wording.
 * Every expression's type goes into {@link Typed#types}; lowering recomputes nothing.
 */
abstract class ExprChecker extends Operators {
    /** The macros gcc's "did you mean" may offer (Spelling): defined by the time the checker runs. */
    Iterable<String> macroNames = java.util.List.of();

    Type returnType;
    List<Obj> functionLocals;
    final Set<String> undeclaredInFunction = new HashSet<>();
    boolean undeclaredNoteShown;
    /** The headers gcc's "#include" hint has named with its fix-it already (once per header and file). */
    private final java.util.Set<String> includeHinted = new java.util.HashSet<>();
    ExprChecker(Diagnostics diags, Typed typed) {
        super(diags, typed);
    }

    abstract Type checkStmtExpr(Stmt.Block body);

    abstract void checkCompoundLiteral(Expr.CompoundLit e, Type t);

    @Override
    Type check(Expr e) {
        CpuLimit.tick();
        Type t = typed.types.get(e);
        if (t != null) return t;
        t = compute(e);
        if (t == null) t = Type.INT;
        typed.types.put(e, t);
        return t;
    }

    private Type compute(Expr e) {
        if (e instanceof Expr.IntLit l) return intLiteralType(l);
        if (e instanceof Expr.CharLit) return Type.INT;
        if (e instanceof Expr.StrLit s) return new Type.Arr(Type.CHAR, s.bytes().length + 1, 0);
        if (e instanceof Expr.FloatLit) return new Type.Float("double", 8, 0);
        if (e instanceof Expr.Error) {
            hardErrors++;   // already reported by the parser
            return Type.INT;
        }
        if (e instanceof Expr.Ident id) return ident(id);
        if (e instanceof Expr.Unary u) return unary(u);
        if (e instanceof Expr.Binary b) return binary(b);
        if (e instanceof Expr.Assign a) return assign(a);
        if (e instanceof Expr.Cond c) return conditional(c);
        if (e instanceof Expr.Call c) return call(c);
        if (e instanceof Expr.Index ix) return index(ix);
        if (e instanceof Expr.Member m) return member(m);
        if (e instanceof Expr.Cast c) return cast(c);
        if (e instanceof Expr.SizeofExpr s) {
            unevaluated++;
            Type t;
            try {
                t = check(s.operand());
            } finally {
                unevaluated--;
            }
            if (s.operand() instanceof Expr.Member m && typed.members.get(m) != null && typed.members.get(m).isBitfield()) {
                error(s.span(), "‘sizeof’ applied to a bit-field");
            }
            return sizeofResult(e, t, s.align(), s.span());
        }
        if (e instanceof Expr.SizeofType s) return sizeofResult(e, typeName(s.type()), s.align(), s.span());
        if (e instanceof Expr.CompoundLit c) {
            Type t = typeName(c.type());
            checkCompoundLiteral(c, t);
            return typed.types.getOrDefault(c, t);
        }
        if (e instanceof Expr.StmtExpr s) return checkStmtExpr(s.body());
        if (e instanceof Expr.Offsetof o) return offsetof(o);
        if (e instanceof Expr.TypesCompatible tc) {
            Type a = Types.unqual(typeName(tc.a())), b = Types.unqual(typeName(tc.b()));
            typed.constants.put(e, Types.compatibleUnqual(a, b) ? 1L : 0L);
            return Type.INT;
        }
        if (e instanceof Expr.VaArg v) {
            rvalue(v.ap());
            return Types.unqual(typeName(v.type()));
        }
        if (e instanceof Expr.Generic g) return generic(g);
        throw new IllegalStateException("unknown expression " + e.getClass().getSimpleName());
    }

    private Type intLiteralType(Expr.IntLit l) {
        String text = l.text().toLowerCase();
        String suffix = text.substring(text.length() - ConstEval.suffixLength(text));
        boolean u = suffix.contains("u");
        int longs = suffix.replace("u", "").length();
        boolean decimal = !text.startsWith("0") || text.equals("0") || suffix.length() == text.length() - 1 && text.startsWith("0") && text.length() - suffix.length() == 1;
        long v;
        try {
            v = ConstEval.parseInt(l.text());
        } catch (NumberFormatException ex) {
            error(l.span(), "invalid suffix \"" + l.text().replaceAll("^[0-9a-fA-FxX]*", "") + "\" on integer constant");
            return Type.INT;
        }
        boolean fitsInt = v >= 0 && v <= Integer.MAX_VALUE;
        boolean fitsUint = v >= 0 && v <= 0xffffffffL;
        boolean fitsLong = v >= 0;
        if (longs == 0) {
            if (u) return fitsUint ? Type.UINT : Type.ULONG;
            if (fitsInt) return Type.INT;
            if (!decimal && fitsUint) return Type.UINT;
            if (fitsLong) return Type.LONG;
            return Type.ULONG;
        }
        if (longs == 1) {
            if (u) return Type.ULONG;
            return fitsLong || decimal ? Type.LONG : Type.ULONG;
        }
        if (u) return Type.ULLONG;
        return fitsLong || decimal ? Type.LLONG : Type.ULLONG;
    }

    private Type sizeofResult(Expr e, Type t, boolean align, Span at) {
        if (!align && !Types.isComplete(t) && !(t instanceof Type.Void) && !(t instanceof Type.Func)) {
            error(at, "invalid application of ‘sizeof’ to incomplete type " + qt(t));
        }
        typed.constants.put(e, align ? (long) Types.alignOf(t) : Types.sizeOf(t));
        return Type.ULONG;
    }

    // ---- identifiers ---------------------------------------------------------------------------

    private static String definedIn(String name, String header) {
        return q(name) + " is defined in header " + q(header) + "; did you forget to ‘#include " + header + "’?";
    }

    /**
     * gcc's note for a C library name (see LibcHints): the first one that names a header carries
     * the fix-it that inserts its #include after the file's last #include above, and stands there;
     * a later one stands at the name.
     */
    private void headerNote(Span at, String header, String message) {
        if (!includeHinted.add(header)) {
            note(at, message);
            return;
        }
        dev.kplay.cc.source.SourceFile f = at.file();
        int line = 1;
        for (int l = 1; l < at.line(); l++) {
            if (f.lineText(l).matches("\\s*#\\s*include\\b.*")) line = l + 1;
        }
        diags.noteInsertingLine(new Span(f, f.lineStart(line), f.lineStart(line)), message, "#include " + header);
    }

    private Type ident(Expr.Ident id) {
        Obj o = scope.lookup(id.name());
        if (o == null) {
            if (function == null) {
                error(id.span(), q(id.name()) + " undeclared here (not in a function)");
            } else {
                String header = LibcHints.header(id.name());
                String hint = header != null ? null : Spelling.suggest(scope, id.name(), Spelling.Kind.NAME, macroNames);
                String msg = q(id.name()) + " undeclared (first use in this function)";
                boolean fromMacro = id.token() != null && id.token().virt() != null;
                if (hint != null && !fromMacro) {
                    reported++;
                    errors++;
                    hardErrors++;
                    diags.reportRich(Severity.ERROR, id.span(), List.of(Diagnostics.Label.of(id.span())), hint, id.span(),
                        msg + "; did you mean " + q(hint) + "?", null);
                } else {
                    // through macros (pr_info's arguments): "did you mean" without a fix-it (none in a macro)
                    errorAt(id.token(), id.span(), hint == null ? msg : msg + "; did you mean " + q(hint) + "?");
                }
                if (header != null) headerNote(fromMacro ? id.token().span() : id.span(), header, definedIn(id.name(), header));
                if (!undeclaredNoteShown) {
                    undeclaredNoteShown = true;
                    noteAt(id.token(), id.span(), "each undeclared identifier is reported only once for each function it appears in");
                }
            }
            o = new Obj(id.name(), Obj.Kind.VAR, Type.INT, id.span());
            o.used = true;
            o.noUnusedWarning = true;
            o.erroneous = true;
            o.fileScope = function == null;
            if (function != null) {
                Scope fs = scope;
                while (fs.parent != null && fs.parent.parent != null) fs = fs.parent;
                fs.names.put(o.name, o);
                if (functionLocals != null) functionLocals.add(o);
            }
            typed.refs.put(id, o);
            return Type.INT;
        }
        if (o.kind == Obj.Kind.TYPEDEF) {
            error(id.span(), "expected expression before " + q(id.name()));
            return Type.INT;
        }
        o.used = true;
        typed.refs.put(id, o);
        if (o.kind == Obj.Kind.ENUM_CONST) return Type.INT;
        return o.type;
    }

    // ---- subscripts, members, casts ---------------------------------------------------------------

    private Type index(Expr.Index ix) {
        Type b = rvalue(ix.base());
        Type i = rvalue(ix.index());
        Type p = b instanceof Type.Ptr ? b : i instanceof Type.Ptr ? i : null;
        Type n = b instanceof Type.Ptr ? i : b;
        if (p == null) {
            error(ix.open(), "subscripted value is neither array nor pointer nor vector");
            return Type.INT;
        }
        if (!Types.isInteger(n)) {
            error(ix.open(), "array subscript is not an integer");
            return Type.INT;
        }
        Type base = ((Type.Ptr) p).base();
        if (base instanceof Type.Void && unevaluated == 0) warning(ix.span(), "dereferencing ‘void *’ pointer", null);
        return base;
    }

    private Type member(Expr.Member m) {
        Type t = m.arrow() ? rvalue(m.base()) : check(m.base());
        Type st = t;
        if (m.arrow()) {
            if (!(t instanceof Type.Ptr p)) {
                error(m.opSpan(), "invalid type argument of ‘->’ (have " + qt(t) + ")");
                return Type.INT;
            }
            st = p.base();
        } else if (t instanceof Type.Ptr p && p.base() instanceof Type.Struct) {
            String msg = (m.base() instanceof Expr.Ident id ? q(id.name()) : "expression") + " is a pointer; did you mean to use ‘->’?";
            diags.reportRich(Severity.ERROR, m.opSpan(), List.of(Diagnostics.Label.of(m.opSpan())), "->", m.opSpan(), msg, null);
            errors++;
            hardErrors++;
            return Type.INT;
        }
        if (!(st instanceof Type.Struct s)) {
            error(m.opSpan(), "request for member " + q(m.name()) + " in something not a structure or union");
            return Type.INT;
        }
        if (!s.tag().complete) {
            error(m.opSpan(), "invalid use of undefined type " + qt(Types.unqual(st)));
            return Type.INT;
        }
        Type.Member mem = Types.findMember(s.tag(), m.name());
        if (mem == null) {
            String hint = Spelling.suggestMember(s.tag(), m.name());
            if (hint != null) {
                reported++;
                errors++;
                hardErrors++;
                diags.reportRich(Severity.ERROR, m.nameSpan(), List.of(Diagnostics.Label.of(m.nameSpan())), hint, m.nameSpan(),
                    qt(st) + " has no member named " + q(m.name()) + "; did you mean " + q(hint) + "?", null);
                return Type.INT;
            }
            error(m.opSpan(), qt(Types.unqual(st)) + " has no member named " + q(m.name()));
            return Type.INT;
        }
        typed.members.put(m, mem);
        Type mt = mem.type();
        int quals = st.quals();
        return quals == 0 ? mt : mt.withQuals(mt.quals() | quals);
    }

    private Type cast(Expr.Cast c) {
        Type to = typeName(c.type());
        Type from = rvalue(c.operand());
        if (to instanceof Type.Void) return Type.VOID;
        if (to instanceof Type.Float || from instanceof Type.Float) {
            reportSse(c.span());
            return to;
        }
        if (!Types.isScalar(to)) {
            error(c.span(), "conversion to non-scalar type requested");
            return Types.unqual(to);
        }
        if (!Types.isScalar(from)) {
            error(c.span(), "aggregate value used where " + (to instanceof Type.Ptr ? "a pointer" : "an integer") + " was expected");
            return Types.unqual(to);
        }
        if (to instanceof Type.Ptr && Types.isInteger(from) && Types.sizeOf(from) < 8 && consts.intValue(c.operand()) == null) {
            warning(c.span(), "cast to pointer from integer of different size", "int-to-pointer-cast");
        } else if (Types.isInteger(to) && from instanceof Type.Ptr && Types.sizeOf(to) < 8) {
            warning(c.span(), "cast from pointer to integer of different size", "pointer-to-int-cast");
        }
        return Types.unqual(to);
    }

    private Type offsetof(Expr.Offsetof o) {
        Type t = typeName(o.type());
        long off = 0;
        for (var d : o.path()) {
            if (d instanceof dev.kplay.cc.parse.Designator.Field f) {
                if (!(t instanceof Type.Struct s) || !s.tag().complete) {
                    error(f.span(), "request for member " + q(f.name()) + " in something not a structure or union");
                    break;
                }
                Type.Member m = Types.findMember(s.tag(), f.name());
                if (m == null) {
                    error(f.span(), qt(Types.unqual(t)) + " has no member named " + q(f.name()));
                    break;
                }
                off += m.offset();
                t = m.type();
            } else if (d instanceof dev.kplay.cc.parse.Designator.Index ix) {
                check(ix.index());
                Long v = consts.intValue(ix.index());
                if (!(t instanceof Type.Arr a)) {
                    error(ix.span(), "subscripted value is neither array nor pointer nor vector");
                    break;
                }
                off += (v == null ? 0 : v) * Types.sizeOf(a.elem());
                t = a.elem();
            }
        }
        typed.constants.put(o, off);
        return Type.ULONG;
    }

    private Type generic(Expr.Generic g) {
        Type ct = rvalue(g.control());
        Expr chosen = null, dflt = null;
        for (int i = 0; i < g.types().size(); i++) {
            if (g.types().get(i) == null) {
                dflt = g.values().get(i);
            } else if (chosen == null && Types.compatibleUnqual(Types.unqual(typeName(g.types().get(i))), Types.unqual(ct))) {
                chosen = g.values().get(i);
            }
        }
        if (chosen == null) chosen = dflt;
        if (chosen == null) {
            error(g.control().span(), "‘_Generic’ selector of type " + qt(ct) + " is not compatible with any association");
            return Type.INT;
        }
        typed.generic.put(g, chosen);
        return check(chosen);
    }

    // ---- calls ---------------------------------------------------------------------------------

    private Type call(Expr.Call c) {
        if (c.callee() instanceof Expr.Ident id && scope.lookup(id.name()) == null) {
            Type bt = Builtins.check(this, c, id);
            if (bt != null) return bt;
            LibcHints.Builtin builtin = LibcHints.builtin(id.name());
            String header = builtin != null ? null : LibcHints.header(id.name());
            String hint = builtin != null || header != null ? null
                : Spelling.suggest(scope, id.name(), Spelling.Kind.FUNCTION, macroNames);
            Type declared = new Type.Func(Type.INT, List.of(), false, false, 0);
            boolean fromMacro = id.token() != null && id.token().virt() != null;
            if (hint == null || fromMacro) {
                // through macros (pr_info's arguments): "did you mean" without a fix-it
                warningAt(id.token(), id.span(), "implicit declaration of function " + q(id.name())
                    + (hint == null ? "" : "; did you mean " + q(hint) + "?"), "implicit-function-declaration");
                if (builtin != null) {
                    String provide = "include " + q(builtin.header()) + " or provide a declaration of " + q(id.name());
                    headerNote(id.span(), builtin.header(), provide);
                    if (builtin.type() != null) {
                        warning(id.span(), "incompatible implicit declaration of built-in function " + q(id.name()),
                            "builtin-declaration-mismatch");
                        headerNote(id.span(), builtin.header(), provide);
                        declared = builtin.type();
                    }
                } else if (header != null) {
                    headerNote(id.span(), header, definedIn(id.name(), header));
                }
            } else {                            // a hint, outside macros: with gcc's fix-it
                reported++;
                Severity used = diags.reportRich(Severity.WARNING, id.span(), List.of(Diagnostics.Label.of(id.span())), hint,
                    id.span(), "implicit declaration of function " + q(id.name()) + "; did you mean " + q(hint) + "?",
                    "implicit-function-declaration");
                if (used == Severity.ERROR) errors++;
            }
            Obj o = new Obj(id.name(), Obj.Kind.FUNC, declared, id.span());
            o.fileScope = true;
            o.isExtern = true;
            o.implicit = true;
            Scope file = scope;
            while (file.parent != null) file = file.parent;
            file.add(o);
            typed.globals.add(o);
        }
        Type ft = rvalue(c.callee());
        Obj callee = c.callee() instanceof Expr.Ident id ? typed.refs.get(id) : null;
        if (!(ft instanceof Type.Ptr p) || !(p.base() instanceof Type.Func f)) {
            // gcc builds the call, and finds it is none, after it has read the arguments
            Span saved = diags.emissionPoint();
            diags.emissionPoint(new Span(c.span().file(), c.span().end(), c.span().end()));
            error(c.span(), "called object " + (callee != null ? q(callee.name) + " " : "") + "is not a function or function pointer");
            diags.emissionPoint(saved);
            for (Expr a : c.args()) rvalue(a);
            return Type.INT;
        }
        String name = callee != null ? callee.name : null;
        if (callee != null && callee.kind == Obj.Kind.FUNC) {
            typed.directCalls.merge(callee, 1, Integer::sum);
            typed.lastCall.put(callee, new Typed.CallSite(c, function));
        }
        List<Type> params = f.params();
        if (f.prototype()) {
            Span at = c.callee().span();
            if (c.args().size() < params.size()) {
                error(at, "too few arguments to function " + q(name != null ? name : Printer.print(c.callee())));
                if (callee != null) note(callee.span, "declared here");
            } else if (c.args().size() > params.size() && !f.variadic()) {
                error(at, "too many arguments to function " + q(name != null ? name : Printer.print(c.callee())));
                if (callee != null) note(callee.span, "declared here");
            }
        }
        for (int i = 0; i < c.args().size(); i++) {
            Expr a = c.args().get(i);
            Type at = rvalue(a);
            if (at instanceof Type.Void) error(a.span(), "invalid use of void expression");
            if (f.prototype() && i < params.size()) {
                Span ps = callee != null && i < callee.paramSpans.size() ? callee.paramSpans.get(i) : callee != null ? callee.span : null;
                Span pr = callee != null && i < callee.paramRanges.size() ? callee.paramRanges.get(i) : ps;
                convertCheck(params.get(i), a, at, new Ctx("arg", i + 1, callee, ps, pr), a.span());
            } else if (at instanceof Type.Float) {
                reportSse(a.span());
            }
        }
        if (callee != null && callee.attr("format") != null) Format.check(this, callee, c);
        if (callee != null && InlineChecks.reportsCall(callee)) InlineChecks.record(this, c, callee);
        if (callee != null && (callee.hidden != null || callee.attributeCalls != null)) {
            hiddenArgs(c, callee);
        }
        if (f.ret() instanceof Type.Float) reportSse(c.span());
        return Types.unqual(f.ret());
    }

    /** Runs {@code r} where gcc's optimisers report, after the front end's diagnostics of the whole file. */
    abstract void afterOptimising(Runnable r);

    /** The answers this call passes to the callee's hidden questions (Typed.Hidden), as gcc would find them after inlining it here. */
    private void hiddenArgs(Expr.Call c, Obj callee) {
        List<Typed.HiddenArg> out = new java.util.ArrayList<>();
        for (Typed.Hidden h : callee.hidden != null ? callee.hidden : List.<Typed.Hidden>of()) {
            Expr a = h.param() < c.args().size() ? c.args().get(h.param()) : null;
            Integer forward = a == null ? null : hiddenQuery(a, h.kind());
            if (forward != null) {
                out.add(new Typed.HiddenArg(null, forward));
            } else if (a == null) {
                out.add(new Typed.HiddenArg(h.unknown(), 0));
            } else if (h.kind() == Typed.Hidden.CONSTANT_P) {
                out.add(new Typed.HiddenArg(consts.eval(a) != null || InlineChecks.folded(this, a, 0, false) != null ? 1L : 0L, 0));
            } else {
                out.add(new Typed.HiddenArg(ObjectSize.of(typed, a, h.kind()), 0));
            }
        }
        typed.hiddenArgs.put(c, out);
        InlineChecks.atCall(this, c, callee);
    }
}
