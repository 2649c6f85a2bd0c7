package dev.kplay.cc.sema;

import dev.kplay.cc.parse.Expr;

/*
 * __builtin_object_size(ptr, type) where the object ptr points into is one gcc sees in the
 * expression itself: a local, static or global variable (an array used as a pointer, &variable,
 * &s.member, &array[constant], array + constant) or a string literal. The kernel's hardening
 * depends on it: check_copy_size() turns a copy_to_user() from a 16-byte local buffer of 64 bytes
 * into "Buffer overflow detected (16 < 64)!" instead of a leak. Type 0 and 2 measure to the end of
 * the whole variable, 1 and 3 to the end of the member or array the pointer is in.
 *
 * gcc also tracks pointers through assignments and calls (p = buf; p = kmalloc(16, ...)) after
 * inlining; kplay does not, and answers "unknown" there as gcc does for a pointer it cannot trace:
 * (size_t)-1 for types 0 and 1, 0 for 2 and 3. So a check gcc would make on such a pointer is not
 * made (the copy then meets hardened usercopy at run time, as an unknown size does on Linux).
 */

/** Compile-time object sizes, as far as the expression shows the object. */
final class ObjectSize {
    /** What the pointer's lvalue reaches: the whole variable's size (-1: unknown), the offset in it, the end of the subobject. */
    private record Place(long whole, long offset, long subEnd) {}

    private final Typed typed;

    private ObjectSize(Typed typed) {
        this.typed = typed;
    }

    /** The value of __builtin_object_size(e, type) (type 0..3). */
    static long of(Typed typed, Expr e, int type) {
        Place p = new ObjectSize(typed).pointer(e);
        long unknown = (type & 2) == 0 ? -1 : 0;
        if (p == null || p.offset < 0 || (type & 1) == 0 && (p.whole < 0 || p.offset > p.whole)) {
            return unknown;
        }
        long end = (type & 1) == 0 ? p.whole : p.whole < 0 ? p.subEnd : Math.min(p.subEnd, p.whole);
        return Math.max(0, end - p.offset);
    }

    /** Where a pointer-valued expression points, or null if the expression does not show it. */
    private Place pointer(Expr e) {
        if (e instanceof Expr.Cast c) {
            return pointer(c.operand());
        }
        if (e instanceof Expr.StrLit s) {
            return new Place(s.bytes().length + 1, 0, s.bytes().length + 1);     // with its NUL
        }
        if (e instanceof Expr.Unary u && u.op().equals("&")) {
            return lvalue(u.operand());
        }
        if (e instanceof Expr.Binary b && (b.op().equals("+") || b.op().equals("-"))) {
            Long k = new ConstEval(typed).intValue(b.right());
            Type pt = Types.decay(typed.type(b.left()));
            if (k == null || !(pt instanceof Type.Ptr ptr)) {
                return null;
            }
            Place p = pointer(b.left());
            long step = Math.max(1, Types.sizeOf(ptr.base())) * (b.op().equals("+") ? k : -k);
            return p == null ? null : new Place(p.whole, p.offset + step, p.subEnd);
        }
        if (typed.types.get(e) instanceof Type.Arr) {
            return lvalue(e);       // an array used as a pointer to its first element
        }
        return null;
    }

    /** The object an lvalue designates inside its variable, or null if the variable is not known. */
    private Place lvalue(Expr e) {
        if (e instanceof Expr.Ident id) {
            Obj o = typed.refs.get(id);
            long size = o == null || o.kind != Obj.Kind.VAR ? -1 : Types.sizeOf(o.type);
            return size > 0 ? new Place(size, 0, size) : null;
        }
        if (e instanceof Expr.Member m && !m.arrow()) {
            Place base = lvalue(m.base());
            Type.Member mem = typed.members.get(m);
            if (base == null || mem == null) {
                return null;
            }
            long at = base.offset + mem.offset();
            return new Place(base.whole, at, at + Types.sizeOf(mem.type()));
        }
        if (e instanceof Expr.Member m && m.arrow()) {
            // p->member: the object p points into is unknown, the member (types 1, 3) is not, unless it is
            // the struct's last, which gcc takes for a flexible array (-fstrict-flex-arrays=0)
            Type.Member mem = typed.members.get(m);
            Type pt = Types.decay(typed.type(m.base()));
            if (mem == null || !(pt instanceof Type.Ptr ptr) || !(Types.unqual(ptr.base()) instanceof Type.Struct s)
                    || s.tag().members == null || s.tag().members.isEmpty()
                    || s.tag().members.get(s.tag().members.size() - 1).offset() == mem.offset()) {
                return null;
            }
            return new Place(-1, mem.offset(), mem.offset() + Types.sizeOf(mem.type()));
        }
        if (e instanceof Expr.Index ix && typed.types.get(ix.base()) instanceof Type.Arr arr) {
            Long i = new ConstEval(typed).intValue(ix.index());
            Place base = lvalue(ix.base());
            if (base == null || i == null) {
                return null;
            }
            return new Place(base.whole, base.offset + i * Math.max(1, Types.sizeOf(arr.elem())), base.subEnd);
        }
        return null;
    }
}
