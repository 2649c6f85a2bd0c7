package dev.kplay.cc.sema;

import dev.kplay.cc.diag.Diagnostics;
import dev.kplay.cc.parse.Attribute;
import dev.kplay.cc.parse.Decl;
import dev.kplay.cc.parse.Declarator;
import dev.kplay.cc.parse.Expr;
import dev.kplay.cc.parse.Initializer;
import dev.kplay.cc.parse.TypeSpec;
import dev.kplay.cc.source.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Declarations (C11 6.7): typedefs, function declarations with their attributes and parameter
 * spans, file-scope and block-scope variables with their initializers, _Static_assert and
 * compound literals, each with gcc's diagnostics (redeclarations, implicit int, useless type
 * names). Split from {@link Checker}, which keeps function bodies and statements and calls
 * {@link #declaration} for a declaration it meets at file scope or in a block.
 */
abstract class Declarations extends ExprChecker {
    private int staticCounter;

    void staticAssert(Decl.StaticAssert sa) {
        check(sa.cond());
        Long v = consts.intValue(sa.cond());
        if (v == null) {
            error(sa.cond().span(), "expression in static assertion is not constant");
        } else if (v == 0) {
            error(sa.span(), "static assertion failed" + (sa.message() == null ? "" : ": \"" + sa.message() + "\""));
        }
    }

    List<Attribute> attrsOf(Decl.DeclSpecs specs, Declarator d, List<Attribute> extra) {
        List<Attribute> all = new ArrayList<>(specs.attrs());
        all.addAll(d.attrs());
        all.addAll(extra);
        return all;
    }

    void declaration(Decl.Declaration d) {
        Decl.DeclSpecs specs = d.specs();
        Type base = baseType(specs);
        boolean autoType = base == null;
        if (d.declarators().isEmpty()) {
            if (!(specs.type() instanceof TypeSpec.StructSpec) && !(specs.type() instanceof TypeSpec.EnumSpec)) {
                warning(d.span(), "useless type name in empty declaration", null);
            }
            return;
        }
        if (specs.type() instanceof TypeSpec.Basic b && b.words().isEmpty() && !autoType) {
            Declarator first = d.declarators().get(0).declarator();
            warning(first.nameSpan() != null ? first.nameSpan() : d.span(),
                "type defaults to ‘int’ in declaration of " + q(first.name()), "implicit-int");
        }
        for (Decl.InitDeclarator id : d.declarators()) {
            Declarator dr = id.declarator();
            Type t = autoType ? null : declaratorType(base, dr);
            List<Attribute> attrs = attrsOf(specs, dr, id.attrs());
            Span at = dr.nameSpan() != null ? dr.nameSpan() : dr.span();
            if (autoType) {
                if (!(id.init() instanceof Initializer.Single s)) {
                    error(at, "‘__auto_type’ requires an initialized data declaration");
                    t = Type.INT;
                } else {
                    t = rvalue(s.expr());
                }
            }
            if (specs.storage() == Decl.Storage.TYPEDEF) {
                typedef(dr.name(), t, at);
                continue;
            }
            if (t instanceof Type.Func) {
                if (id.init() != null) error(at, "function " + q(dr.name()) + " is initialized like a variable");
                Obj fn = declareFunction(dr.name(), t, specs, attrs, at, dr.nameToken());
                if (id.asmLabel() != null) fn.symbol = id.asmLabel();    // int f(void) __asm__("g"): the symbol is g
                paramSpans(fn, dr);
                typed.declared.put(id, fn);
                String target = aliasTarget(attrs);
                if (target != null && !scope.isFile()) {
                    warning(at, "‘alias’ attribute ignored", "attributes");   // a block-scope declaration aliases nothing
                } else if (target != null) {
                    aliases.add(new Alias(fn, target, dr.nameToken()));
                }
                continue;
            }
            if (scope.isFile()) {
                globalVariable(id, t, specs, attrs, at);
                Obj o = typed.declared.get(id);
                if (o != null && id.asmLabel() != null) o.symbol = id.asmLabel();
            } else if (specs.storage() == Decl.Storage.EXTERN) {
                Obj o = fileObj(dr.name());
                if (o == null) {
                    o = new Obj(dr.name(), Obj.Kind.VAR, t, at);
                    o.fileScope = true;
                    o.isExtern = true;
                    o.attrs.addAll(attrs);
                    typed.globals.add(o);
                }
                scope.add(o);
                typed.declared.put(id, o);
            } else {
                localVariable(id, t, specs, attrs, at);
            }
        }
    }

    private void typedef(String name, Type t, Span at) {
        Obj prev = scope.names.get(name);
        if (prev != null && (prev.kind != Obj.Kind.TYPEDEF || !Types.compatible(prev.type, t))) {
            error(at, prev.kind == Obj.Kind.TYPEDEF ? "conflicting types for " + q(name) + "; have " + qt(t)
                : q(name) + " redeclared as different kind of symbol");
            note(prev.span, "previous declaration of " + q(name) + " with type " + qt(prev.type));
            return;
        }
        Type named = fresh(t);
        typed.typedefNames.put(named, name);
        Obj o = new Obj(name, Obj.Kind.TYPEDEF, named, at);
        scope.add(o);
    }

    private Obj fileObj(String name) {
        Scope s = scope;
        while (s.parent != null) s = s.parent;
        return s.names.get(name);
    }

    Obj declareFunction(String name, Type t, Decl.DeclSpecs specs, List<Attribute> attrs, Span at) {
        return declareFunction(name, t, specs, attrs, at, null);
    }

    /** The declarations "invalid storage class" was said of (a block's declarations can be checked twice). */
    private final java.util.Set<Object> storageReported = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    /** {@code nameToken}: the token of the name, for a diagnostic at a macro's location (or null). */
    Obj declareFunction(String name, Type t, Decl.DeclSpecs specs, List<Attribute> attrs, Span at,
                        dev.kplay.cc.lex.Token nameToken) {
        Obj prev = scope.isFile() ? scope.names.get(name) : fileObj(name);
        boolean isStatic = specs.storage() == Decl.Storage.STATIC;
        if (!scope.isFile() && isStatic && storageReported.add(nameToken != null ? nameToken : at)) {
            errorAt(nameToken, at, "invalid storage class for function " + q(name));
        }
        if (prev != null && prev.kind == Obj.Kind.FUNC) {
            String prevKind = prev.implicit ? "previous implicit declaration" : prev.defined ? "previous definition" : "previous declaration";
            Type prevType = prev.type;
            if (!Types.compatible(prev.type, t)) {
                error(at, "conflicting types for " + q(name) + "; have " + qt(t));
                note(prev.span, prevKind + " of " + q(name) + " with type " + qt(prevType));
            } else if (((Type.Func) t).prototype()) {
                prev.type = t;
            }
            if (isStatic && !prev.isStatic) {
                error(at, "static declaration of " + q(name) + " follows non-static declaration");
                note(prev.span, (prev.implicit ? "previous implicit declaration" : "previous declaration") + " of " + q(name)
                    + " with type " + qt(prevType));
                if (prev.implicit) {
                    // gcc makes a new declaration: the calls before it used the implicit one
                    prev.isStatic = true;
                    prev.isExtern = false;
                    prev.used = false;
                    prev.span = at;
                }
            }
            prev.implicit = false;
            prev.attrs.addAll(attrs);
            if (specs.inline()) prev.inline = true;
            if (!scope.isFile()) scope.add(prev);
            return prev;
        }
        if (prev != null) {
            error(at, q(name) + " redeclared as different kind of symbol");
            note(prev.span, "previous declaration of " + q(name) + " with type " + qt(prev.type));
        }
        Obj o = new Obj(name, Obj.Kind.FUNC, t, at);
        o.fileScope = true;
        o.isStatic = isStatic;
        o.isExtern = !isStatic;
        o.inline = specs.inline();
        o.attrs.addAll(attrs);
        if (scope.isFile()) {
            scope.add(o);
        } else {
            Scope s = scope;
            while (s.parent != null) s = s.parent;
            s.names.put(name, o);
            scope.add(o);
        }
        typed.globals.add(o);
        markAlias(attrs);
        return o;
    }

    static void paramSpans(Obj fn, Declarator dr) {
        for (Declarator.Derivation d : dr.derivations()) {
            if (d instanceof Declarator.Function f) {
                List<Span> spans = new ArrayList<>();
                List<Span> ranges = new ArrayList<>();
                for (Declarator.Param p : f.params()) {
                    spans.add(p.declarator().nameSpan() != null ? p.declarator().nameSpan() : p.span());
                    ranges.add(p.span());
                }
                fn.paramSpans = spans;
                fn.paramRanges = ranges;
                return;
            }
        }
    }

    /** A function declared as an alias of another (module_init's init_module), for cgraph's check at the end. */
    record Alias(Obj alias, String target, dev.kplay.cc.lex.Token nameToken) {}

    final List<Alias> aliases = new java.util.ArrayList<>();

    /** The function an alias attribute names ("hello_init" of alias("hello_init")), or null. */
    private static String aliasTarget(List<Attribute> attrs) {
        for (Attribute a : attrs) {
            if (a.name().equals("alias") && !a.args().isEmpty() && a.args().get(0) instanceof Expr.StrLit s) {
                return new String(s.bytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /**
     * gcc's handle_alias_pairs: an alias whose type is not compatible with its target's (a void init
     * function under module_init's int init_module) gets -Wattribute-alias at the alias, with the
     * macro it came from, and a note at the target.
     */
    void checkAliases() {
        for (Alias a : aliases) {
            Obj target = fileObj(a.target());
            if (target == null || target.kind != Obj.Kind.FUNC || Types.compatible(a.alias().type, target.type)) continue;
            String msg = q(a.alias().name) + " alias between functions of incompatible types " + qt(a.alias().type)
                + " and " + qt(target.type);
            warningAt(a.nameToken(), a.alias().span, msg, "attribute-alias=");
            note(target.span, "aliased declaration here");
        }
    }

    private void markAlias(List<Attribute> attrs) {
        String name = aliasTarget(attrs);
        Obj target = name == null ? null : fileObj(name);
        if (target != null) target.used = true;
    }

    private void globalVariable(Decl.InitDeclarator id, Type t, Decl.DeclSpecs specs, List<Attribute> attrs, Span at) {
        String name = id.declarator().name();
        boolean isExtern = specs.storage() == Decl.Storage.EXTERN;
        boolean isStatic = specs.storage() == Decl.Storage.STATIC;
        Obj prev = scope.names.get(name);
        Obj o;
        if (prev != null && prev.kind == Obj.Kind.VAR) {
            boolean sameish = Types.compatible(Types.unqual(prev.type), Types.unqual(t)) || Types.compatibleUnqual(prev.type, t);
            if (!sameish) {
                error(at, "conflicting types for " + q(name) + "; have " + qt(t));
                note(prev.span, "previous declaration of " + q(name) + " with type " + qt(prev.type));
            } else if (prev.type instanceof Type.Arr pa && pa.length() < 0) {
                prev.type = t;
            }
            if (id.init() != null && prev.init != null) {
                error(at, "redefinition of " + q(name));
                note(prev.span, "previous definition of " + q(name) + " with type " + qt(prev.type));
                return;
            }
            o = prev;
            if (!isExtern) {
                o.isExtern = false;
                o.span = at;
            }
            if (isStatic) o.isStatic = true;
        } else {
            if (prev != null) {
                error(at, q(name) + " redeclared as different kind of symbol");
                note(prev.span, "previous declaration of " + q(name) + " with type " + qt(prev.type));
            }
            o = new Obj(name, Obj.Kind.VAR, t, at);
            o.fileScope = true;
            o.isStatic = isStatic;
            o.isExtern = isExtern;
            scope.add(o);
            typed.globals.add(o);
        }
        o.attrs.addAll(attrs);
        markAlias(attrs);
        typed.declared.put(id, o);
        if (id.init() != null) {
            if (isExtern) warning(at, q(name) + " initialized and declared ‘extern’", null);
            o.isExtern = false;
            staticInit(o, id.init());
        }
        if (!o.isExtern && !Types.isComplete(o.type) && !(o.type instanceof Type.Arr)) {
            // a file-scope object may still get its type later in the file: gcc says so at the end
            incompleteGlobals.add(() -> error(at, "storage size of " + q(name) + " isn’t known"));
        }
    }

    /** File-scope objects whose type was still incomplete: reported when the file ends (finishGlobals). */
    private final List<Runnable> incompleteGlobals = new ArrayList<>();

    void finishGlobals() {
        for (Runnable r : incompleteGlobals) r.run();
    }

    private void staticInit(Obj o, Initializer init) {
        int before = hardErrors;
        InitLayout.Flat flat = InitLayout.flatten(this, o.type, init, o.name);
        o.type = flat.type();
        o.init = init;
        o.defined = true;
        if (hardErrors > before) return;
        for (InitLayout.Entry e : flat.entries()) {
            if (e.expr() instanceof Expr.StrLit && e.type() instanceof Type.Arr) continue;
            Object v = consts.eval(e.expr());
            if (v == null && !(Types.isStruct(e.type()) && e.expr() instanceof Expr.CompoundLit)) {
                error(e.expr().span(), "initializer element is not constant");
            } else if (v instanceof ConstEval.Addr && Types.isInteger(e.type()) && Types.sizeOf(e.type()) < 8) {
                error(e.expr().span(), "initializer element is not computable at load time");
            }
        }
    }

    private void localVariable(Decl.InitDeclarator id, Type t, Decl.DeclSpecs specs, List<Attribute> attrs, Span at) {
        String name = id.declarator().name();
        Obj prev = scope.names.get(name);
        if (prev != null) {
            if (prev.isParam && scope.parent != null) {
                error(at, q(name) + " redeclared as different kind of symbol");
            } else {
                error(at, "redeclaration of " + q(name) + " with no linkage");
            }
            note(prev.span, "previous declaration of " + q(name) + " with type " + qt(prev.type));
            prev.noUnusedWarning = true;
        }
        Obj o = new Obj(name, Obj.Kind.VAR, t, at);
        o.attrs.addAll(attrs);
        typed.declared.put(id, o);
        if (specs.storage() == Decl.Storage.STATIC) {
            o.isStatic = true;
            o.symbol = name + "." + staticCounter++;
            scope.add(o);
            typed.globals.add(o);
            if (id.init() != null) {
                staticInit(o, id.init());
            }
        } else {
            scope.add(o);
            functionLocals.add(o);
            if (id.init() != null) {
                InitLayout.Flat flat = InitLayout.flatten(this, t, id.init(), name);
                o.type = flat.type();
                o.init = id.init();
            }
        }
        if (!Types.isComplete(o.type)) {
            error(at, "storage size of " + q(name) + " isn’t known");
            o.type = Type.INT;
        }
    }

    @Override
    void checkCompoundLiteral(Expr.CompoundLit e, Type t) {
        InitLayout.Flat flat = InitLayout.flatten(this, t, e.init());
        typed.types.put(e, flat.type());
        Obj o = new Obj("__compound_literal", Obj.Kind.VAR, flat.type(), e.span());
        o.used = true;
        o.noUnusedWarning = true;
        o.init = e.init();
        if (function == null) {
            o.isStatic = true;
            o.fileScope = true;
            o.symbol = "__compound_literal." + staticCounter++;
            typed.globals.add(o);
            o.defined = true;
        } else {
            functionLocals.add(o);
        }
        typed.declared.put(e, o);
    }

    Declarations(Diagnostics diags, Typed typed) {
        super(diags, typed);
    }
}
