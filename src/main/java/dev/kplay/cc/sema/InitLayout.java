package dev.kplay.cc.sema;

import dev.kplay.cc.parse.Designator;
import dev.kplay.cc.parse.Expr;
import dev.kplay.cc.parse.Initializer;
import java.util.ArrayList;
import java.util.List;

/**
 * Flattens an initializer against the type it initializes (C11 6.7.9): brace elision, nested and
 * GNU range designators, string literals for char arrays, and the length of {@code int a[] = {...}}.
 * The result is a list of stores at byte offsets; later entries override earlier ones, and what no
 * entry covers is zero. Lowering turns it into code (locals) or bytes plus relocations (statics).
 */
public final class InitLayout {
    /** Store {@code expr} converted to {@code type} at {@code offset}; {@code bitfield} for bitfield members. */
    public record Entry(long offset, Type type, Expr expr, Type.Member bitfield) {}

    /** {@code type} is the initialized type, completed when it was an array of unknown length. */
    public record Flat(Type type, List<Entry> entries) {}

    private final ExprChecker ch;
    private final List<Entry> out = new ArrayList<>();
    /** What is being initialized, as gcc names it in "(near initialization for ‘fops.read’)". */
    private String path;
    /** Inside braces: gcc adds the "near initialization" note only there. */
    private int braces;

    private InitLayout(ExprChecker ch, String name) {
        this.ch = ch;
        this.path = name == null ? "(anonymous)" : name;
        this.named = name != null;
    }

    private final boolean named;
    private boolean incompleteSaid;

    static Flat flatten(ExprChecker ch, Type t, Initializer init) {
        return flatten(ch, t, init, null);
    }

    static Flat flatten(ExprChecker ch, Type t, Initializer init, String name) {
        InitLayout l = new InitLayout(ch, name);
        Type done = l.top(t, init);
        Flat f = new Flat(done, List.copyOf(l.out));
        ch.typed.inits.put(init, f);
        return f;
    }

    private Type top(Type t, Initializer init) {
        if (init instanceof Initializer.Single s) {
            Expr e = s.expr();
            if (isCharArray(t) && e instanceof Expr.StrLit str) return string(t, 0, str);
            if (t instanceof Type.Arr) {
                ch.check(e);
                ch.error(e.span(), "invalid initializer");
                return t;
            }
            scalar(t, 0, e, null);
            return t;
        }
        Initializer.List_ list = (Initializer.List_) init;
        if (Types.isScalar(t)) {
            if (list.items().isEmpty()) return t;
            Initializer.Item first = list.items().get(0);
            if (first.init() instanceof Initializer.Single s) {
                scalar(t, 0, s.expr(), null);
            } else {
                top(t, first.init());
            }
            if (list.items().size() > 1) {
                ch.warning(list.items().get(1).init().span(), "excess elements in scalar initializer", null);
                near(list.items().get(1).init().span());
            }
            return t;
        }
        if (isCharArray(t) && list.items().size() == 1 && list.items().get(0).designators().isEmpty()
            && list.items().get(0).init() instanceof Initializer.Single s && s.expr() instanceof Expr.StrLit str) {
            return string(t, 0, str);
        }
        long[] len = {0};
        braces++;
        fill(t, 0, list.items(), 0, true, len);
        braces--;
        if (t instanceof Type.Arr a && a.length() < 0) return new Type.Arr(a.elem(), len[0], a.quals());
        return t;
    }

    private static boolean isCharArray(Type t) {
        return t instanceof Type.Arr a && a.elem() instanceof Type.Int i && i.kind().size == 1;
    }

    private Type string(Type t, long off, Expr.StrLit s) {
        ch.check(s);
        Type.Arr a = (Type.Arr) t;
        long n = s.bytes().length + 1;
        if (a.length() >= 0 && n - 1 > a.length()) {
            ch.warning(s.span(), "initializer-string for array of " + ch.qt(a.elem()) + " is too long", null);
        }
        Type done = a.length() < 0 ? new Type.Arr(a.elem(), n, a.quals()) : a;
        out.add(new Entry(off, done, s, null));
        return done;
    }

    private void near(dev.kplay.cc.source.Span at) {
        ch.note(at, "(near initialization for ‘" + path + "’)");
    }

    private void scalar(Type t, long off, Expr e, Type.Member bitfield) {
        Type ft = ch.rvalue(e);
        int before = ch.reported;
        ch.convertCheck(t, e, ft, ExprChecker.Ctx.INIT, e.span());
        if (ch.reported > before && braces > 0) near(e.span());
        out.add(new Entry(off, t, e, bitfield));
    }

    /**
     * Fills aggregate {@code t} at {@code off} from {@code items[pos..]}. A braced fill takes all the
     * items; an elided one (brace elision) stops when the aggregate is full or at a designator.
     * Returns the index of the first unused item; {@code len[0]} gets the array length seen.
     */
    private int fill(Type t, long off, List<Initializer.Item> items, int pos, boolean braced, long[] len) {
        if (t instanceof Type.Arr a) {
            long es = Types.sizeOf(a.elem());
            long idx = 0, max = 0;
            while (pos < items.size()) {
                Initializer.Item it = items.get(pos);
                if (!it.designators().isEmpty()) {
                    if (!braced) break;
                    Designator d = it.designators().get(0);
                    long lo, hi;
                    if (d instanceof Designator.Index ix) {
                        ch.check(ix.index());
                        Long v = ch.consts.intValue(ix.index());
                        if (v == null) ch.error(ix.span(), "nonconstant array index in initializer");
                        lo = hi = v == null ? 0 : v;
                    } else if (d instanceof Designator.Range r) {
                        ch.check(r.lo());
                        ch.check(r.hi());
                        Long l = ch.consts.intValue(r.lo()), h = ch.consts.intValue(r.hi());
                        if (l == null || h == null) ch.error(r.span(), "nonconstant array index in initializer");
                        lo = l == null ? 0 : l;
                        hi = h == null ? lo : h;
                    } else {
                        ch.error(d.span(), "field name not in record or union initializer");
                        pos++;
                        continue;
                    }
                    if (a.length() >= 0 && hi >= a.length()) {
                        ch.error(d.span(), "array index in initializer exceeds array bounds");
                    }
                    String saved = path;
                    for (long k = lo; k <= hi; k++) {
                        path = saved + "[" + k + "]";
                        designated(a.elem(), off + k * es, it.designators(), 1, it.init());
                    }
                    path = saved;
                    pos++;
                    idx = hi + 1;
                    max = Math.max(max, idx);
                    continue;
                }
                if (a.length() >= 0 && idx >= a.length()) {
                    if (!braced) break;
                    ch.warning(it.init().span(), "excess elements in array initializer", null);
                    near(it.init().span());
                    pos++;
                    continue;
                }
                String saved = path;
                path = saved + "[" + idx + "]";
                int was = pos;
                pos = element(a.elem(), off + idx * es, items, pos);
                path = saved;
                if (pos == was) {
                    // an element that takes nothing (an empty struct): stop, or drop the item
                    if (!braced) break;
                    pos++;
                }
                idx++;
                max = Math.max(max, idx);
            }
            len[0] = max;
            return pos;
        }
        if (t instanceof Type.Struct s) {
            if (!s.tag().complete) {
                // gcc's start_decl: at the struct's name (a missing #include leaves file_operations unknown);
                // then the items go on against no members: each field unknown, each value in excess
                if (items.isEmpty()) return 0;
                if (!incompleteSaid) {
                    incompleteSaid = true;
                    String what = named ? "variable " + ExprChecker.q(path) : "variable";
                    ch.error(s.tag().span != null ? s.tag().span : items.get(0).init().span(),
                        what + " has initializer but incomplete type");
                }
                if (!braced) return items.size();
            }
            List<Type.Member> ms = s.tag().members;
            int mi = 0;
            boolean first = true;
            while (pos < items.size()) {
                Initializer.Item it = items.get(pos);
                boolean unknownField = false;
                if (!it.designators().isEmpty()) {
                    if (!braced) break;
                    Designator d = it.designators().get(0);
                    if (!(d instanceof Designator.Field f)) {
                        ch.error(d.span(), "array index in non-array initializer");
                        pos++;
                        continue;
                    }
                    Type.Member m = Types.findMember(s.tag(), f.name());
                    if (m == null) {
                        String hint = Spelling.suggestMember(s.tag(), f.name());
                        String msg = ch.qt(t) + " has no member named " + ExprChecker.q(f.name());
                        if (hint == null) {
                            ch.error(d.span(), msg);
                        } else {
                            ch.reported++;
                            ch.errors++;
                            ch.hardErrors++;
                            ch.diags.reportRich(dev.kplay.cc.diag.Severity.ERROR, d.span(),
                                List.of(dev.kplay.cc.diag.Diagnostics.Label.of(d.span())), hint, d.span(),
                                msg + "; did you mean " + ExprChecker.q(hint) + "?", null);
                        }
                        unknownField = true;   // gcc goes on as if the value were positional
                    }
                }
                if (!it.designators().isEmpty() && !unknownField) {
                    Designator d = it.designators().get(0);
                    Designator.Field f = (Designator.Field) d;
                    Type.Member m = Types.findMember(s.tag(), f.name());
                    String saved = path;
                    path = saved + "." + f.name();
                    designatedMember(m, off, it.designators(), it.init());
                    path = saved;
                    int direct = indexOf(ms, f.name());
                    mi = direct >= 0 ? direct + 1 : mi;
                    pos++;
                    first = false;
                    continue;
                }
                while (mi < ms.size() && ms.get(mi).name() == null && ms.get(mi).isBitfield()) mi++;
                if (mi >= ms.size() || (s.tag().union && !first)) {
                    if (!braced) break;
                    if (it.init() instanceof Initializer.Single sg) ch.check(sg.expr());
                    ch.warning(it.init().span(), "excess elements in " + (s.tag().union ? "union" : "struct") + " initializer", null);
                    near(it.init().span());
                    pos++;
                    continue;
                }
                if (braced && s.tag().designatedInit) {
                    Initializer.Item cur = it;
                    dev.kplay.cc.source.Span at = cur.init() instanceof Initializer.Single sg ? ExprChecker.location(sg.expr()) : cur.init().span();
                    ch.warning(at, "positional initialization of field in ‘" + (s.tag().union ? "union" : "struct")
                        + "’ declared with ‘designated_init’ attribute", "designated-init");
                    near(at);
                }
                Type.Member m = ms.get(mi++);
                String savedPath = path;
                if (m.name() != null) path = savedPath + "." + m.name();
                if (m.isBitfield()) {
                    if (it.init() instanceof Initializer.Single sg) {
                        scalar(m.type(), off + m.offset(), sg.expr(), m);
                        pos++;
                    } else {
                        pos = element(m.type(), off + m.offset(), items, pos);
                    }
                } else if (m.type() instanceof Type.Arr ma && ma.length() < 0) {
                    ch.error(it.init().span(), "initialization of flexible array member in a nested context");
                    pos++;
                } else {
                    int was = pos;
                    pos = element(m.type(), off + m.offset(), items, pos);
                    if (pos == was) pos++;
                }
                path = savedPath;
                first = false;
            }
            return pos;
        }
        if (Types.isScalar(t)) return element(t, off, items, pos);   // a scalar inside an elided list
        if (pos < items.size()) {
            Initializer bad = items.get(pos).init();
            if (bad instanceof Initializer.Single sg) ch.check(sg.expr());
            ch.error(bad.span(), "invalid initializer");
        }
        return items.size();
    }

    private static int indexOf(List<Type.Member> ms, String name) {
        for (int i = 0; i < ms.size(); i++) if (name.equals(ms.get(i).name())) return i;
        return -1;
    }

    /** Initializes one element of type {@code t} from {@code items[pos]}, eliding braces if needed. */
    private int element(Type t, long off, List<Initializer.Item> items, int pos) {
        Initializer init = items.get(pos).init();
        if (init instanceof Initializer.List_ l) {
            nested(t, off, l);
            return pos + 1;
        }
        Expr e = ((Initializer.Single) init).expr();
        if (Types.isScalar(t)) {
            scalar(t, off, e, null);
            return pos + 1;
        }
        if (isCharArray(t) && e instanceof Expr.StrLit s) {
            string(t, off, s);
            return pos + 1;
        }
        if (t instanceof Type.Struct st) {
            Type et = ch.rvalue(e);
            if (et instanceof Type.Struct es && es.tag() == st.tag()) {
                out.add(new Entry(off, t, e, null));
                return pos + 1;
            }
        }
        return fill(t, off, items, pos, false, new long[1]);
    }

    private void nested(Type t, long off, Initializer.List_ l) {
        braces++;
        try {
            nestedIn(t, off, l);
        } finally {
            braces--;
        }
    }

    private void nestedIn(Type t, long off, Initializer.List_ l) {
        if (Types.isScalar(t)) {
            if (!l.items().isEmpty()) {
                Initializer first = l.items().get(0).init();
                if (first instanceof Initializer.Single s) scalar(t, off, s.expr(), null);
                else nested(t, off, (Initializer.List_) first);
            }
            return;
        }
        if (isCharArray(t) && l.items().size() == 1 && l.items().get(0).init() instanceof Initializer.Single s
            && s.expr() instanceof Expr.StrLit str) {
            string(t, off, str);
            return;
        }
        fill(t, off, l.items(), 0, true, new long[1]);
    }

    private void designatedMember(Type.Member m, long off, List<Designator> ds, Initializer init) {
        if (m.isBitfield() && ds.size() == 1 && init instanceof Initializer.Single s) {
            scalar(m.type(), off + m.offset(), s.expr(), m);
            return;
        }
        designated(m.type(), off + m.offset(), ds, 1, init);
    }

    /** Applies designators ds[k..] inside {@code t} at {@code off}, then the initializer. */
    private void designated(Type t, long off, List<Designator> ds, int k, Initializer init) {
        if (k == ds.size()) {
            if (init instanceof Initializer.List_ l) {
                nested(t, off, l);
            } else {
                Expr e = ((Initializer.Single) init).expr();
                if (isCharArray(t) && e instanceof Expr.StrLit s) {
                    string(t, off, s);
                } else if (Types.isScalar(t) || t instanceof Type.Struct) {
                    if (t instanceof Type.Struct) {
                        Type et = ch.rvalue(e);
                        ch.convertCheck(t, e, et, ExprChecker.Ctx.INIT, e.span());
                        out.add(new Entry(off, t, e, null));
                    } else {
                        scalar(t, off, e, null);
                    }
                } else {
                    fill(t, off, List.of(new Initializer.Item(List.of(), init)), 0, false, new long[1]);
                }
            }
            return;
        }
        Designator d = ds.get(k);
        if (d instanceof Designator.Field f) {
            if (!(t instanceof Type.Struct s) || Types.findMember(s.tag(), f.name()) == null) {
                ch.error(d.span(), "unknown field " + ExprChecker.q(f.name()) + " specified in initializer");
                return;
            }
            Type.Member m = Types.findMember(s.tag(), f.name());
            String saved = path;
            path = saved + "." + f.name();
            if (m.isBitfield() && k + 1 == ds.size() && init instanceof Initializer.Single sg) {
                scalar(m.type(), off + m.offset(), sg.expr(), m);
            } else {
                designated(m.type(), off + m.offset(), ds, k + 1, init);
            }
            path = saved;
            return;
        }
        if (!(t instanceof Type.Arr a)) {
            ch.error(d.span(), "array index in non-array initializer");
            return;
        }
        Expr loE = d instanceof Designator.Index ix ? ix.index() : ((Designator.Range) d).lo();
        Expr hiE = d instanceof Designator.Index ix2 ? ix2.index() : ((Designator.Range) d).hi();
        ch.check(loE);
        ch.check(hiE);
        Long lo = ch.consts.intValue(loE), hi = ch.consts.intValue(hiE);
        if (lo == null || hi == null) {
            ch.error(d.span(), "nonconstant array index in initializer");
            return;
        }
        for (long i = lo; i <= hi; i++) designated(a.elem(), off + i * Types.sizeOf(a.elem()), ds, k + 1, init);
    }
}
