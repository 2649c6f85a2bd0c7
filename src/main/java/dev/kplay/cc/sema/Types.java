package dev.kplay.cc.sema;

import dev.kplay.cc.sema.Type.IntKind;
import java.util.List;
import java.util.Map;

/**
 * Questions about types: size and alignment on x86-64, classification, the integer promotions and
 * usual arithmetic conversions (C11 6.3.1), compatibility (6.2.7) and gcc's way of spelling a type
 * in a message ("int (*)(int)", "const char *", "char[64]").
 */
public final class Types {
    private Types() {}

    public static long sizeOf(Type t) {
        if (t instanceof Type.Int i) return i.kind().size;
        if (t instanceof Type.Enum e) return e.tag().size;
        if (t instanceof Type.Float f) return f.size();
        if (t instanceof Type.Ptr) return 8;
        if (t instanceof Type.Arr a) return a.length() < 0 ? 0 : a.length() * sizeOf(a.elem());
        if (t instanceof Type.Struct s) return s.tag().size;
        return 1;     // gcc: sizeof(void) == sizeof(function) == 1
    }

    public static int alignOf(Type t) {
        if (t instanceof Type.Arr a) return alignOf(a.elem());
        if (t instanceof Type.Struct s) return s.tag().align;
        if (t instanceof Type.Void || t instanceof Type.Func) return 1;
        return (int) Math.min(16, sizeOf(t));
    }

    public static boolean isInteger(Type t) { return t instanceof Type.Int || t instanceof Type.Enum; }

    public static boolean isArithmetic(Type t) { return isInteger(t) || t instanceof Type.Float; }

    public static boolean isPointer(Type t) { return t instanceof Type.Ptr; }

    public static boolean isScalar(Type t) { return isArithmetic(t) || t instanceof Type.Ptr; }

    public static boolean isVoid(Type t) { return t instanceof Type.Void; }

    public static boolean isStruct(Type t) { return t instanceof Type.Struct; }

    public static boolean isFunc(Type t) { return t instanceof Type.Func; }

    public static boolean isComplete(Type t) {
        if (t instanceof Type.Void) return false;
        if (t instanceof Type.Arr a) return a.length() >= 0;
        if (t instanceof Type.Struct s) return s.tag().complete;
        return true;
    }

    /** The integer kind of an integer type (an enum counts as its compatible type). */
    public static IntKind kind(Type t) {
        if (t instanceof Type.Int i) return i.kind();
        if (t instanceof Type.Enum e) return e.tag().unsigned ? IntKind.UINT : IntKind.INT;
        if (t instanceof Type.Ptr) return IntKind.ULONG;
        return IntKind.LONG;
    }

    public static boolean isUnsigned(Type t) {
        return isInteger(t) ? kind(t).unsigned : t instanceof Type.Ptr;
    }

    public static Type unqual(Type t) { return t.quals() == 0 ? t : t.withQuals(0); }

    /** Array-to-pointer and function-to-pointer conversion (6.3.2.1). */
    public static Type decay(Type t) {
        if (t instanceof Type.Arr a) return new Type.Ptr(a.elem(), 0);
        if (t instanceof Type.Func) return new Type.Ptr(t, 0);
        return unqual(t);
    }

    /** Integer promotion (6.3.1.1). */
    public static Type promote(Type t) {
        if (t instanceof Type.Enum) return new Type.Int(kind(t), 0);
        if (t instanceof Type.Int i && i.kind().rank < IntKind.INT.rank) return Type.INT;
        return unqual(t);
    }

    /** The common type of the usual arithmetic conversions (6.3.1.8) for two integer operands. */
    public static Type usualArith(Type a, Type b) {
        IntKind x = kind(promote(a)), y = kind(promote(b));
        if (x == y) return new Type.Int(x, 0);
        if (x.unsigned == y.unsigned) return new Type.Int(x.rank >= y.rank ? x : y, 0);
        IntKind u = x.unsigned ? x : y, s = x.unsigned ? y : x;
        if (u.rank >= s.rank) return new Type.Int(u, 0);
        if (s.size > u.size) return new Type.Int(s, 0);
        return new Type.Int(unsignedOf(s), 0);
    }

    static IntKind unsignedOf(IntKind k) {
        return switch (k) {
            case INT -> IntKind.UINT;
            case LONG -> IntKind.ULONG;
            case LLONG -> IntKind.ULLONG;
            case SHORT -> IntKind.USHORT;
            case CHAR, SCHAR -> IntKind.UCHAR;
            case INT128 -> IntKind.UINT128;
            default -> k;
        };
    }

    /** Type compatibility (6.2.7), ignoring top-level qualifiers when {@code topQuals} is false. */
    public static boolean compatible(Type a, Type b) {
        if (a.quals() != b.quals()) return false;
        return compatibleUnqual(a, b);
    }

    public static boolean compatibleUnqual(Type a, Type b) {
        if (a instanceof Type.Enum ea && b instanceof Type.Int ib) return kind(ea) == ib.kind();
        if (b instanceof Type.Enum eb && a instanceof Type.Int ia) return kind(eb) == ia.kind();
        if (a instanceof Type.Void) return b instanceof Type.Void;
        if (a instanceof Type.Int i) return b instanceof Type.Int j && i.kind() == j.kind();
        if (a instanceof Type.Enum e) return b instanceof Type.Enum f && e.tag() == f.tag();
        if (a instanceof Type.Float f) return b instanceof Type.Float g && f.name().equals(g.name());
        if (a instanceof Type.Ptr p) return b instanceof Type.Ptr q && compatible(p.base(), q.base());
        if (a instanceof Type.Arr x) {
            return b instanceof Type.Arr y && compatible(x.elem(), y.elem())
                && (x.length() < 0 || y.length() < 0 || x.length() == y.length());
        }
        if (a instanceof Type.Struct s) return b instanceof Type.Struct t && s.tag() == t.tag();
        Type.Func f = (Type.Func) a;
        if (!(b instanceof Type.Func g) || !compatible(unqual(f.ret()), unqual(g.ret()))) return false;
        if (!f.prototype() || !g.prototype()) return true;
        if (f.variadic() != g.variadic() || f.params().size() != g.params().size()) return false;
        for (int i = 0; i < f.params().size(); i++) {
            if (!compatibleUnqual(unqual(f.params().get(i)), unqual(g.params().get(i)))) return false;
        }
        return true;
    }

    // ---- gcc spelling ------------------------------------------------------------------------

    /** The type as gcc prints it in diagnostics. */
    public static String name(Type t) {
        return render(t, "", null).trim();
    }

    /** The type as gcc prints it, with typedef names where the type was written with one. */
    public static String name(Type t, Map<Type, String> typedefs) {
        return render(t, "", typedefs).trim();
    }

    private static String quals(int q) {
        return ((q & Type.CONST) != 0 ? "const " : "") + ((q & Type.VOLATILE) != 0 ? "volatile " : "");
    }

    private static String render(Type t, String inner, Map<Type, String> names) {
        // "char[64]" and "int(void)", but "int (*)(int)"
        String sep = inner.isEmpty() ? "" : inner.startsWith("[") || inner.startsWith("(") && !inner.startsWith("(*") ? "" : " ";
        String td = names == null ? null : names.get(t);
        if (td != null) return quals(t.quals()) + td + sep + inner;
        if (t instanceof Type.Void v) return quals(v.quals()) + "void" + sep + inner;
        if (t instanceof Type.Int i) return quals(i.quals()) + i.kind().cname + sep + inner;
        if (t instanceof Type.Float f) return quals(f.quals()) + f.name() + sep + inner;
        if (t instanceof Type.Enum e) {
            return quals(e.quals()) + "enum " + (e.tag().name == null ? "<anonymous>" : e.tag().name) + sep + inner;
        }
        if (t instanceof Type.Struct s) {
            return quals(s.quals()) + (s.tag().union ? "union " : "struct ")
                + (s.tag().name == null ? "<anonymous>" : s.tag().name) + sep + inner;
        }
        if (t instanceof Type.Ptr p) {
            String q = p.quals() == 0 ? "" : " " + quals(p.quals()).trim();
            String star = "*" + q + (inner.isEmpty() ? "" : (q.isEmpty() && inner.startsWith("*") ? "" : " ") + inner);
            if (p.base() instanceof Type.Arr || p.base() instanceof Type.Func) {
                return render(p.base(), "(" + star + ")", names);
            }
            return render(p.base(), star, names);
        }
        if (t instanceof Type.Arr a) return render(a.elem(), inner + "[" + (a.length() < 0 ? "" : a.length()) + "]", names);
        Type.Func f = (Type.Func) t;
        // gcc's pretty-printer leaves a space after a parameter ending in a word: "int (*)(int,  char *)"
        StringBuilder pb = new StringBuilder();
        for (Type p : f.params()) {
            if (pb.length() > 0) pb.append(Character.isLetterOrDigit(pb.charAt(pb.length() - 1)) ? ",  " : ", ");
            pb.append(name(p, names));
        }
        String ps = pb.toString();
        if (f.variadic()) ps = ps.isEmpty() ? "..." : ps + ", ...";
        if (f.prototype() && f.params().isEmpty() && !f.variadic()) ps = "void";
        return render(f.ret(), inner + "(" + ps + ")", names);
    }

    /** A member by name, searching anonymous struct/union members; offsets accumulate. */
    public static Type.Member findMember(Type.Tag tag, String name) {
        for (Type.Member m : tag.members) {
            if (name.equals(m.name())) return m;
            if (m.name() == null && m.type() instanceof Type.Struct s) {
                Type.Member inner = findMember(s.tag(), name);
                if (inner != null) {
                    return new Type.Member(inner.name(), inner.type(), m.offset() + inner.offset(),
                        inner.bitOffset(), inner.bitWidth());
                }
            }
        }
        return null;
    }

    static List<Type> params(Type fn) {
        return ((Type.Func) fn).params();
    }
}
