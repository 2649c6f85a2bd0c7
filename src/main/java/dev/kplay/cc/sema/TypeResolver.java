package dev.kplay.cc.sema;

import dev.kplay.cc.diag.Diagnostics;
import dev.kplay.cc.diag.Severity;
import dev.kplay.cc.parse.Attribute;
import dev.kplay.cc.parse.Decl;
import dev.kplay.cc.parse.Declarator;
import dev.kplay.cc.parse.Expr;
import dev.kplay.cc.parse.TypeName;
import dev.kplay.cc.parse.TypeSpec;
import dev.kplay.cc.source.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * The checker's state (scopes, side tables, diagnostics) and the type-building half: declaration
 * specifiers and declarators to {@link Type}, struct/union layout as gcc does it on x86-64
 * (natural alignment, SysV bitfield allocation, {@code packed} and {@code aligned}), enums.
 */
abstract class TypeResolver {
    final Diagnostics diags;
    final Typed typed;
    final ConstEval consts;
    Scope scope = new Scope(null);
    int errors;
    /** Errors proper (not -Werror warnings): what makes gcc drop a construct. */
    int hardErrors;

    TypeResolver(Diagnostics diags, Typed typed) {
        this.diags = diags;
        this.typed = typed;
        this.consts = new ConstEval(typed);
    }

    abstract Type check(Expr e);

    // ---- diagnostics -----------------------------------------------------------------------

    /** Diagnostics reported so far (errors, warnings, notes), to tell whether a check said something. */
    int reported;

    void error(Span at, String msg) {
        reported++;
        errors++;
        hardErrors++;
        diags.report(Severity.ERROR, at, msg, null);
    }

    void warning(Span at, String msg, String option) {
        reported++;
        if (diags.report(Severity.WARNING, at, msg, option) == Severity.ERROR) errors++;
    }

    void note(Span at, String msg) {
        diags.report(Severity.NOTE, at, msg, null);
    }

    // At a token a macro may have made (a name in pr_info's arguments, module_init's initfn): where it
    // is spelled, with the expansions it came through, as gcc reports at a virtual location; at
    // {@code at} for a token written in the file (or none).

    void errorAt(dev.kplay.cc.lex.Token t, Span at, String msg) {
        if (t == null || t.virt() == null) {
            error(at, msg);
            return;
        }
        reported++;
        errors++;
        hardErrors++;
        diags.reportAt(Severity.ERROR, t.span(), t.virt(), msg, null);
    }

    void warningAt(dev.kplay.cc.lex.Token t, Span at, String msg, String option) {
        if (t == null || t.virt() == null) {
            warning(at, msg, option);
            return;
        }
        reported++;
        if (diags.reportAt(Severity.WARNING, t.span(), t.virt(), msg, option) == Severity.ERROR) errors++;
    }

    void noteAt(dev.kplay.cc.lex.Token t, Span at, String msg) {
        if (t == null || t.virt() == null) {
            note(at, msg);
        } else {
            diags.reportAt(Severity.NOTE, t.span(), t.virt(), msg, null);
        }
    }

    static String q(String s) { return "‘" + s + "’"; }

    /** A type in quotes as gcc prints it: "‘size_t’ {aka ‘long unsigned int’}" for a typedef'd type. */
    String qt(Type t) {
        String n = Types.name(t, typed.typedefNames);
        String aka = Types.name(t);
        return n.equals(aka) ? q(n) : q(n) + " {aka " + q(aka) + "}";
    }

    /** A type as gcc labels a range: "size_t {aka long unsigned int}". */
    String labelType(Type t) {
        String n = Types.name(t, typed.typedefNames);
        String aka = Types.name(t);
        return n.equals(aka) ? n : n + " {aka " + aka + "}";
    }

    // ---- scopes ------------------------------------------------------------------------------

    void pushScope() { scope = new Scope(scope); }

    Scope popScopeRaw() {
        Scope s = scope;
        scope = scope.parent;
        return s;
    }

    // ---- specifiers --------------------------------------------------------------------------

    /** The type named by declaration specifiers (qualifiers included). */
    Type baseType(Decl.DeclSpecs specs) {
        Type t = typeSpec(specs.type(), specs);
        int q = specs.quals() & (Type.CONST | Type.VOLATILE);
        if (q == 0 || t == null) return t;
        Type qualified = t.withQuals(t.quals() | q);
        String td = typed.typedefNames.get(t);
        if (td != null) typed.typedefNames.put(qualified, td);
        return qualified;
    }

    /** A distinct instance of {@code t}, so a typedef's name can be attached to it alone. */
    static Type fresh(Type t) {
        if (t instanceof Type.Int i) return new Type.Int(i.kind(), i.quals());
        if (t instanceof Type.Ptr p) return new Type.Ptr(p.base(), p.quals());
        if (t instanceof Type.Struct s) return new Type.Struct(s.tag(), s.quals());
        if (t instanceof Type.Enum e) return new Type.Enum(e.tag(), e.quals());
        if (t instanceof Type.Arr a) return new Type.Arr(a.elem(), a.length(), a.quals());
        if (t instanceof Type.Func f) return new Type.Func(f.ret(), f.params(), f.variadic(), f.prototype(), f.quals());
        if (t instanceof Type.Void v) return new Type.Void(v.quals());
        return t;
    }

    private Type typeSpec(TypeSpec ts, Decl.DeclSpecs specs) {
        if (ts instanceof TypeSpec.Basic b) return basic(b);
        if (ts instanceof TypeSpec.TypedefName n) {
            Obj o = scope.lookup(n.name());
            if (o == null || o.kind != Obj.Kind.TYPEDEF) {
                error(n.span(), "unknown type name " + q(n.name()));
                return Type.INT;
            }
            o.used = true;
            return o.type;
        }
        if (ts instanceof TypeSpec.StructSpec s) return structSpec(s);
        if (ts instanceof TypeSpec.EnumSpec e) return enumSpec(e);
        if (ts instanceof TypeSpec.TypeofExpr te) {
            Type t = check(te.expr());
            return t;
        }
        if (ts instanceof TypeSpec.TypeofType tt) return typeName(tt.type());
        // __builtin_va_list: a pointer that steps through the variadic save area
        return new Type.Ptr(Type.VOID, 0);
    }

    private Type basic(TypeSpec.Basic b) {
        List<String> w = b.words();
        if (w.isEmpty()) return Type.INT;
        int longs = 0, shorts = 0, chars = 0, ints = 0;
        boolean signed = false, unsigned = false;
        String other = null;
        for (String s : w) {
            switch (s) {
                case "long" -> longs++;
                case "short" -> shorts++;
                case "char" -> chars++;
                case "int" -> ints++;
                case "signed" -> signed = true;
                case "unsigned" -> unsigned = true;
                default -> other = s;
            }
        }
        if (other != null) {
            switch (other) {
                case "void" -> { return Type.VOID; }
                case "_Bool" -> { return Type.BOOL; }
                case "float" -> { return new Type.Float("float", 4, 0); }
                case "double" -> { return new Type.Float(longs > 0 ? "long double" : "double", longs > 0 ? 16 : 8, 0); }
                case "__int128" -> { return new Type.Int(unsigned ? Type.IntKind.UINT128 : Type.IntKind.INT128, 0); }
                case "__auto_type" -> { return null; }
                default -> { return Type.INT; }
            }
        }
        if (chars > 0) return unsigned ? Type.UCHAR : signed ? new Type.Int(Type.IntKind.SCHAR, 0) : Type.CHAR;
        if (shorts > 0) return unsigned ? Type.USHORT : Type.SHORT;
        if (longs >= 2) return unsigned ? Type.ULLONG : Type.LLONG;
        if (longs == 1) return unsigned ? Type.ULONG : Type.LONG;
        return unsigned ? Type.UINT : Type.INT;
    }

    // ---- declarators -------------------------------------------------------------------------

    /** Applies a declarator's derivations to {@code base}. */
    Type declaratorType(Type base, Declarator d) {
        Type t = base;
        List<Declarator.Derivation> ds = d.derivations();
        for (int i = ds.size() - 1; i >= 0; i--) {
            Declarator.Derivation der = ds.get(i);
            if (der instanceof Declarator.Pointer p) {
                t = new Type.Ptr(t, p.quals() & (Type.CONST | Type.VOLATILE));
            } else if (der instanceof Declarator.Array a) {
                long len = -1;
                if (a.size() != null) {
                    check(a.size());
                    Long v = consts.intValue(a.size());
                    if (v == null) {
                        error(a.size().span(), "variable length arrays are not supported by kplay");
                        len = 1;
                    } else if (v < 0) {
                        error(a.size().span(), d.name() == null ? "size of unnamed array is negative" : "size of array " + q(d.name()) + " is negative");
                        len = 1;
                    } else {
                        len = v;
                    }
                }
                if (t instanceof Type.Func) {
                    error(d.span(), "declaration of " + q(d.name() == null ? "type name" : d.name()) + " as array of functions");
                }
                t = new Type.Arr(t, len, 0);
            } else if (der instanceof Declarator.Function f) {
                List<Type> params = new ArrayList<>();
                for (Declarator.Param p : f.params()) params.add(paramType(p));
                t = new Type.Func(t, params, f.variadic(), f.prototype(), 0);
            }
        }
        return t;
    }

    /** A parameter's adjusted type: arrays and functions become pointers (6.7.6.3). */
    Type paramType(Declarator.Param p) {
        Type t = declaratorType(baseType(p.specs()), p.declarator());
        if (t instanceof Type.Arr a) return new Type.Ptr(a.elem(), a.quals());
        if (t instanceof Type.Func) return new Type.Ptr(t, 0);
        return t;
    }

    Type typeName(TypeName tn) {
        Type t = typed.typeNames.get(tn);
        if (t == null) {
            t = declaratorType(baseType(tn.specs()), tn.declarator());
            typed.typeNames.put(tn, t);
        }
        return t;
    }

    // ---- struct, union, enum -----------------------------------------------------------------

    private Type structSpec(TypeSpec.StructSpec s) {
        Type.Tag tag;
        if (s.fields() == null) {
            Object found = s.tag() == null ? null : scope.lookupTag(s.tag());
            if (found instanceof Type.Tag t && t.union == s.union()) return new Type.Struct(t, 0);
            if (found != null) {
                error(s.span(), q(s.tag()) + " defined as wrong kind of tag");
            }
            tag = new Type.Tag(s.tag(), s.union());
            tag.span = s.tagSpan();             // where it is named first, until a definition says more
            if (s.tag() != null) scope.putTag(s.tag(), tag);
            return new Type.Struct(tag, 0);
        }
        Object existing = s.tag() == null ? null : scope.tags.get(s.tag());
        if (existing instanceof Type.Tag t && t.union == s.union() && !t.complete) {
            tag = t;
        } else {
            if (existing instanceof Type.Tag t && t.complete) {
                error(s.tagSpan(), "redefinition of " + q((s.union() ? "union " : "struct ") + s.tag()));
                if (t.span != null) note(t.span, "originally defined here");
            }
            tag = new Type.Tag(s.tag(), s.union());
            if (s.tag() != null) scope.putTag(s.tag(), tag);
        }
        tag.span = s.tagSpan();
        layout(tag, s);
        return new Type.Struct(tag, 0);
    }

    /** Lays out members as gcc does for x86-64 (System V psABI), honouring packed and aligned. */
    private void layout(Type.Tag tag, TypeSpec.StructSpec s) {
        boolean packed = hasAttr(s.attrs(), "packed");
        List<Type.Member> members = new ArrayList<>();
        long bits = 0;
        long maxEnd = 0;
        int align = 1;
        List<TypeSpec.Field> fields = s.fields();
        for (int i = 0; i < fields.size(); i++) {
            TypeSpec.Field f = fields.get(i);
            Type base = baseType(f.specs());
            Type t = f.declarator() == null ? base : declaratorType(base, f.declarator());
            String name = f.declarator() == null ? null : f.declarator().name();
            boolean fpacked = packed || hasAttr(f.attrs(), "packed") || (f.declarator() != null && hasAttr(f.declarator().attrs(), "packed"));
            int a = fpacked ? 1 : Types.alignOf(t);
            Long explicit = alignAttr(f.attrs());
            if (explicit == null && f.declarator() != null) explicit = alignAttr(f.declarator().attrs());
            if (explicit == null) explicit = alignAttr(f.specs().attrs());
            if (explicit != null) a = (int) Math.max(a, explicit);
            if (f.bitWidth() != null) {
                check(f.bitWidth());
                Long w = consts.intValue(f.bitWidth());
                int width = w == null ? 1 : w.intValue();
                long unitBits = Types.sizeOf(t) * 8;
                if (width > unitBits) {
                    error(f.bitWidth().span(), "width of " + q(name == null ? "" : name) + " exceeds its type");
                    width = (int) unitBits;
                }
                if (tag.union) bits = 0;
                if (width == 0) {
                    bits = (bits + unitBits - 1) / unitBits * unitBits;
                    continue;
                }
                if (!fpacked && bits / unitBits != (bits + width - 1) / unitBits) {
                    bits = (bits + unitBits - 1) / unitBits * unitBits;
                }
                long unitStart = fpacked ? bits / 8 : (bits / unitBits) * (unitBits / 8);
                members.add(new Type.Member(name, t, unitStart, (int) (bits - unitStart * 8), width));
                bits += width;
                maxEnd = Math.max(maxEnd, bits);
                if (name != null) align = Math.max(align, a);
                continue;
            }
            if (tag.union) bits = 0;
            long off = (bits + 7) / 8;
            off = (off + a - 1) / a * a;
            boolean flexible = t instanceof Type.Arr arr && arr.length() < 0;
            if (flexible && i != fields.size() - 1) error(f.span(), "flexible array member not at end of struct");
            if (!flexible && !Types.isComplete(t) && !(t instanceof Type.Func)) {
                error(f.declarator() != null && f.declarator().nameSpan() != null ? f.declarator().nameSpan() : f.span(),
                    "field " + q(name == null ? "" : name) + " has incomplete type");
                t = Type.INT;   // never let a struct contain itself
            }
            if (flexible) tag.flexible = true;
            members.add(new Type.Member(name, t, off, 0, -1));
            bits = (off + (flexible ? 0 : Types.sizeOf(t))) * 8;
            maxEnd = Math.max(maxEnd, bits);
            align = Math.max(align, a);
        }
        Long explicit = alignAttr(s.attrs());
        if (explicit != null) align = (int) Math.max(align, explicit);
        long size = (maxEnd + 7) / 8;
        size = (size + align - 1) / align * align;
        tag.members = members;
        tag.size = size;
        tag.align = align;
        tag.packed = packed;
        tag.designatedInit = hasAttr(s.attrs(), "designated_init");
        tag.complete = true;
    }

    static boolean hasAttr(List<Attribute> attrs, String name) {
        for (Attribute a : attrs) if (a.name().equals(name)) return true;
        return false;
    }

    /** The value of an aligned attribute (16 for a bare {@code aligned}), or null. */
    Long alignAttr(List<Attribute> attrs) {
        for (Attribute a : attrs) {
            if (a.name().equals("aligned")) {
                if (a.args().isEmpty()) return 16L;
                check(a.args().get(0));
                Long v = consts.intValue(a.args().get(0));
                return v == null ? 1L : v;
            }
        }
        return null;
    }

    private Type enumSpec(TypeSpec.EnumSpec e) {
        if (e.items() == null) {
            Object found = e.tag() == null ? null : scope.lookupTag(e.tag());
            if (found instanceof Type.EnumTag t) return new Type.Enum(t, 0);
            Type.EnumTag t = new Type.EnumTag(e.tag());
            if (e.tag() != null) scope.putTag(e.tag(), t);
            return new Type.Enum(t, 0);
        }
        Type.EnumTag tag = new Type.EnumTag(e.tag());
        if (e.tag() != null) {
            Object existing = scope.tags.get(e.tag());
            if (existing instanceof Type.EnumTag t && !t.complete) tag = t;
            else if (existing != null) error(e.span(), "redeclaration of " + q("enum " + e.tag()));
            scope.putTag(e.tag(), tag);
        }
        Type type = new Type.Enum(tag, 0);
        long next = 0;
        boolean big = false;
        for (TypeSpec.Enumerator it : e.items()) {
            if (it.value() != null) {
                check(it.value());
                Long v = consts.intValue(it.value());
                if (v == null) {
                    error(it.value().span(), "enumerator value for " + q(it.name()) + " is not an integer constant");
                } else {
                    next = v;
                }
            }
            if (next < 0) tag.unsigned = false;
            if (next > 0xffffffffL || next < Integer.MIN_VALUE) big = true;
            Obj o = new Obj(it.name(), Obj.Kind.ENUM_CONST, Type.INT, it.span());
            o.enumValue = next;
            Obj prev = scope.names.get(it.name());
            if (prev != null) {
                error(it.span(), "redeclaration of enumerator " + q(it.name()));
                note(prev.span, "previous definition of " + q(it.name()) + " with type " + qt(prev.type));
            }
            scope.add(o);
            next++;
        }
        if (big) tag.size = 8;
        tag.complete = true;
        return type;
    }
}
