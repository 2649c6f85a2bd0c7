package dev.kplay.userland.bin.awk;

import dev.kplay.userland.bin.awk.Node.Expr;
import dev.kplay.userland.bin.awk.Node.Stmt;
import dev.kplay.userland.bin.awk.Signals.BreakSignal;
import dev.kplay.userland.bin.awk.Signals.ContinueSignal;
import dev.kplay.userland.bin.awk.Signals.ExitSignal;
import dev.kplay.userland.bin.awk.Signals.NextSignal;
import dev.kplay.userland.bin.awk.Signals.ReturnSignal;
import dev.kplay.userland.bin.awk.Signals.RuntimeError;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/*
 * A tree-walking interpreter for awk programs: variables (global, function locals, arrays by
 * reference), statements and expressions. The current record and its fields are Fields' (split
 * lazily with FS, $0 rebuilt with OFS when a field or NF is assigned), the statements' control
 * flow is unchecked signals (Signals), and regexes are translated by Ere. Input and output belong
 * to Awk, which drives the rules over the records.
 */

/** Runs the statements and expressions of an awk program. */
final class Interpreter {
    /** Where print output and getline input go; Awk implements it over the process. */
    interface Io {
        void print(String dest, String redirect, String text);

        /** The next record of the main input, or null at its end. */
        String nextRecord();

        /** The next line of file {@code name}, null at its end; throws RuntimeError if it cannot be read. */
        String readLine(String name);
    }

    /** An uninitialized variable passed to a function: an array if the callee uses it as one. */
    private static final class LazyArray extends LinkedHashMap<String, Value> {}

    private final Node.Program program;
    private final Io io;
    private final Map<String, Object> globals = new HashMap<>();
    private final ArrayDeque<Map<String, Object>> frames = new ArrayDeque<>();
    private final Map<String, Pattern> regexCache = new HashMap<>();
    /** $0 and its fields. */
    private final Fields record = new Fields(this);
    private int exitStatus;
    private final java.util.Random random = new java.util.Random(0);

    Interpreter(Node.Program program, Io io) {
        this.program = program;
        this.io = io;
        for (String[] v : new String[][] {{"FS", " "}, {"OFS", " "}, {"ORS", "\n"}, {"RS", "\n"}, {"SUBSEP", "\034"},
            {"CONVFMT", "%.6g"}, {"OFMT", "%.6g"}, {"FILENAME", ""}}) {
            globals.put(v[0], Value.string(v[1]));
        }
        for (String n : new String[] {"NR", "FNR", "RSTART", "RLENGTH"}) {
            globals.put(n, Value.ZERO);
        }
        globals.put("ENVIRON", new LinkedHashMap<String, Value>());
    }

    int exitStatus() { return exitStatus; }

    // ---- variables -----------------------------------------------------------------------------------

    private Map<String, Object> scopeOf(String name) {
        Map<String, Object> f = frames.peek();
        return f != null && f.containsKey(name) ? f : globals;
    }

    Value get(String name) {
        if (name.equals("NF")) {
            return Value.num(record.nf());
        }
        Object o = scopeOf(name).get(name);
        if (o instanceof LazyArray la && la.isEmpty()) {
            return Value.UNINIT;
        }
        if (o instanceof Map) {
            throw new RuntimeError("can't use array " + name + " in scalar context");
        }
        return o == null ? Value.UNINIT : (Value) o;
    }

    void set(String name, Value v) {
        if (name.equals("NF")) {
            record.setNf((int) v.num());
            return;
        }
        Map<String, Object> s = scopeOf(name);
        if (s.get(name) instanceof Map && !(s.get(name) instanceof LazyArray la && la.isEmpty())) {
            throw new RuntimeError("can't assign to " + name + "; it's an array name.");
        }
        s.put(name, v);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Value> array(String name) {
        Map<String, Object> s = scopeOf(name);
        Object o = s.get(name);
        if (o instanceof Map) {
            return (Map<String, Value>) o;
        }
        if (o != null && ((Value) o).kind != Value.Kind.UNINIT) {
            throw new RuntimeError("can't use scalar " + name + " as array");
        }
        Map<String, Value> m = new LinkedHashMap<>();
        s.put(name, m);
        return m;
    }

    private String str(Value v) {
        return v.str(get("CONVFMT").str("%.6g"));
    }

    private String key(List<Expr> subs) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < subs.size(); i++) {
            if (i > 0) {
                b.append(get("SUBSEP").str("%.6g"));
            }
            b.append(str(eval(subs.get(i))));
        }
        return b.toString();
    }

    // ---- the record and its fields -------------------------------------------------------------------

    void setRecord(String r) { record.set(r); }

    /** Splits s as FS does (see {@link Fields#split}). */
    List<String> split(String s, String fs) { return record.split(s, fs); }

    // ---- regular expressions -------------------------------------------------------------------------

    Pattern regex(String ere) {
        Pattern p = regexCache.get(ere);
        if (p == null) {
            try {
                p = Pattern.compile(Ere.toJava(ere));
            } catch (java.util.regex.PatternSyntaxException e) {
                throw new RuntimeError("regular expression compile failed (" + e.getDescription() + ")\n" + ere);
            }
            regexCache.put(ere, p);
        }
        return p;
    }

    private Pattern regexOf(Expr e) {
        return e instanceof Node.Regex r ? regex(r.source()) : regex(str(eval(e)));
    }

    // ---- statements ----------------------------------------------------------------------------------

    void run(Node.Block b) {
        for (Stmt s : b.body()) {
            exec(s);
        }
    }

    private void exec(Stmt s) {
        if (s instanceof Node.ExprStmt e) {
            eval(e.expr());
        } else if (s instanceof Node.Print p) {
            print(p);
        } else if (s instanceof Node.Block b) {
            run(b);
        } else if (s instanceof Node.If i) {
            if (eval(i.test()).truthy()) {
                exec(i.then());
            } else if (i.otherwise() != null) {
                exec(i.otherwise());
            }
        } else if (s instanceof Node.While w) {
            while (eval(w.test()).truthy()) {
                if (loopBody(w.body())) {
                    break;
                }
            }
        } else if (s instanceof Node.Do d) {
            do {
                if (loopBody(d.body())) {
                    break;
                }
            } while (eval(d.test()).truthy());
        } else if (s instanceof Node.For f) {
            if (f.init() != null) {
                exec(f.init());
            }
            while (f.test() == null || eval(f.test()).truthy()) {
                if (loopBody(f.body())) {
                    break;
                }
                if (f.step() != null) {
                    exec(f.step());
                }
            }
        } else if (s instanceof Node.ForIn f) {
            for (String k : new ArrayList<>(array(f.array()).keySet())) {
                set(f.var(), Value.strnum(k));
                if (loopBody(f.body())) {
                    break;
                }
            }
        } else if (s instanceof Node.Next) {
            throw new NextSignal();
        } else if (s instanceof Node.Exit e) {
            if (e.status() != null) {
                exitStatus = (int) eval(e.status()).num();
            }
            throw new ExitSignal(exitStatus);
        } else if (s instanceof Node.Return r) {
            throw new ReturnSignal(r.value() == null ? Value.UNINIT : eval(r.value()));
        } else if (s instanceof Node.Break) {
            throw new BreakSignal();
        } else if (s instanceof Node.Continue) {
            throw new ContinueSignal();
        } else if (s instanceof Node.Delete d) {
            if (d.subscripts() == null) {
                array(d.array()).clear();
            } else {
                array(d.array()).remove(key(d.subscripts()));
            }
        }
    }

    /** Runs a loop body; true if it ended with break. */
    private boolean loopBody(Stmt body) {
        try {
            exec(body);
        } catch (BreakSignal b) {
            return true;
        } catch (ContinueSignal c) {
            return false;
        }
        return false;
    }

    private void print(Node.Print p) {
        String text;
        if (p.formatted()) {
            List<Value> args = new ArrayList<>();
            for (int i = 1; i < p.args().size(); i++) {
                args.add(eval(p.args().get(i)));
            }
            text = Format.sprintf(str(eval(p.args().get(0))), args, get("CONVFMT").str("%.6g"));
        } else {
            StringBuilder b = new StringBuilder();
            if (p.args().isEmpty()) {
                b.append(record.text());
            }
            String ofmt = get("OFMT").str("%.6g");
            for (int i = 0; i < p.args().size(); i++) {
                if (i > 0) {
                    b.append(get("OFS").str("%.6g"));
                }
                b.append(eval(p.args().get(i)).str(ofmt));
            }
            b.append(get("ORS").str("%.6g"));
            text = b.toString();
        }
        io.print(p.dest() == null ? null : str(eval(p.dest())), p.redirect(), text);
    }

    // ---- expressions ---------------------------------------------------------------------------------

    Value eval(Expr e) {
        if (e instanceof Node.Num n) {
            return Value.num(n.value());
        }
        if (e instanceof Node.Str s) {
            return Value.string(s.value());
        }
        if (e instanceof Node.Regex r) {
            return Value.bool(regex(r.source()).matcher(record.text()).find());
        }
        if (e instanceof Node.Var v) {
            return get(v.name());
        }
        if (e instanceof Node.Field f) {
            return record.field((int) eval(f.index()).num());
        }
        if (e instanceof Node.Index ix) {
            Map<String, Value> a = array(ix.array());
            return a.computeIfAbsent(key(ix.subscripts()), k -> Value.UNINIT);
        }
        if (e instanceof Node.Assign a) {
            Value v = eval(a.value());
            if (!a.op().equals("=")) {
                v = Value.num(arith(a.op().substring(0, 1), eval(a.target()).num(), v.num()));
            } else if (v.kind == Value.Kind.UNINIT) {
                v = Value.UNINIT;
            }
            assign(a.target(), v);
            return v;
        }
        if (e instanceof Node.Cond c) {
            return eval(c.test()).truthy() ? eval(c.then()) : eval(c.otherwise());
        }
        if (e instanceof Node.And a) {
            return Value.bool(eval(a.left()).truthy() && eval(a.right()).truthy());
        }
        if (e instanceof Node.Or o) {
            return Value.bool(eval(o.left()).truthy() || eval(o.right()).truthy());
        }
        if (e instanceof Node.Not n) {
            return Value.bool(!eval(n.operand()).truthy());
        }
        if (e instanceof Node.Binary b) {
            return binary(b);
        }
        if (e instanceof Node.Match m) {
            String s = str(eval(m.subject()));
            return Value.bool(regexOf(m.regex()).matcher(s).find() != m.negated());
        }
        if (e instanceof Node.In in) {
            return Value.bool(array(in.array()).containsKey(key(in.subscripts())));
        }
        if (e instanceof Node.Neg n) {
            double d = eval(n.operand()).num();
            return Value.num(n.op().equals("-") ? -d : d);
        }
        if (e instanceof Node.IncDec i) {
            double old = eval(i.target()).num();
            assign(i.target(), Value.num(old + i.delta()));
            return Value.num(i.prefix() ? old + i.delta() : old);
        }
        if (e instanceof Node.Group g) {
            return eval(g.items().get(g.items().size() - 1));
        }
        if (e instanceof Node.Call c) {
            return call(c);
        }
        if (e instanceof Node.Builtin b) {
            return Functions.call(this, b.name(), b.args());
        }
        if (e instanceof Node.Getline g) {
            return getline(g);
        }
        throw new IllegalStateException("unknown awk expression " + e);
    }

    private void assign(Expr target, Value v) {
        if (target instanceof Node.Var var) {
            set(var.name(), v);
        } else if (target instanceof Node.Field f) {
            record.setField((int) eval(f.index()).num(), v);
        } else if (target instanceof Node.Index ix) {
            array(ix.array()).put(key(ix.subscripts()), v);
        } else {
            throw new IllegalStateException("not an lvalue: " + target);
        }
    }

    private Value binary(Node.Binary b) {
        Value l = eval(b.left());
        Value r = eval(b.right());
        return switch (b.op()) {
            case " " -> Value.string(str(l) + str(r));
            case "<", "<=", "==", "!=", ">", ">=" -> {
                int c = l.numeric() && r.numeric() ? Double.compare(l.num(), r.num()) == 0 || l.num() == r.num() ? 0
                        : l.num() < r.num() ? -1 : 1 : str(l).compareTo(str(r));
                yield Value.bool(switch (b.op()) {
                    case "<" -> c < 0;
                    case "<=" -> c <= 0;
                    case "==" -> c == 0;
                    case "!=" -> c != 0;
                    case ">" -> c > 0;
                    default -> c >= 0;
                });
            }
            default -> Value.num(arith(b.op(), l.num(), r.num()));
        };
    }

    private static double arith(String op, double a, double b) {
        return switch (op) {
            case "+" -> a + b;
            case "-" -> a - b;
            case "*" -> a * b;
            case "/" -> a / b;
            case "%" -> a % b;
            default -> Math.pow(a, b);
        };
    }

    private Value call(Node.Call c) {
        Node.Function f = program.functions().get(c.name());
        if (f == null) {
            throw new RuntimeError("function " + c.name() + " never defined");
        }
        if (c.args().size() > f.params().size()) {
            throw new RuntimeError("too many arguments in call to " + c.name());
        }
        if (frames.size() >= 1000) {
            throw new RuntimeError("function call nesting too deep");
        }
        Map<String, Object> frame = new HashMap<>();
        List<Runnable> bindBack = new ArrayList<>();
        for (int i = 0; i < f.params().size(); i++) {
            String param = f.params().get(i);
            if (i >= c.args().size()) {
                frame.put(param, null);
                continue;
            }
            Expr a = c.args().get(i);
            if (a instanceof Node.Var v && !v.name().equals("NF")) {
                Map<String, Object> s = scopeOf(v.name());
                Object o = s.get(v.name());
                if (o instanceof Map) {
                    frame.put(param, o);
                    continue;
                }
                if (o == null || ((Value) o).kind == Value.Kind.UNINIT) {
                    LazyArray fresh = new LazyArray();
                    frame.put(param, fresh);
                    bindBack.add(() -> {
                        if (!fresh.isEmpty() && s.get(v.name()) == null) {
                            s.put(v.name(), fresh);
                        }
                    });
                    continue;
                }
            }
            frame.put(param, eval(a));
        }
        frames.push(frame);
        try {
            run(f.body());
            return Value.UNINIT;
        } catch (ReturnSignal r) {
            return r.value;
        } finally {
            frames.pop();
            bindBack.forEach(Runnable::run);
        }
    }

    /** getline forms: from the main input (NR, FNR and $0 or var) or from a file (var or $0, not NR). */
    private Value getline(Node.Getline g) {
        String line = g.file() == null ? io.nextRecord() : io.readLine(str(eval(g.file())));
        if (line == null) {
            return Value.ZERO;
        }
        if (g.file() == null) {
            set("NR", Value.num(get("NR").num() + 1));
            set("FNR", Value.num(get("FNR").num() + 1));
        }
        if (g.target() == null) {
            setRecord(line);
        } else {
            assign(g.target(), Value.strnum(line));
        }
        return Value.ONE;
    }

    String record() { return record.text(); }

    Map<String, Value> arrayNamed(String name) { return array(name); }

    String toStr(Value v) { return str(v); }

    Pattern regexArg(Expr e) { return regexOf(e); }

    void assignTo(Expr target, Value v) { assign(target, v); }

    java.util.Random random() { return random; }
}
