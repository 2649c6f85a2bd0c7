package dev.kplay.userland.bin.awk;

import dev.kplay.userland.bin.awk.Signals.RuntimeError;
import java.util.ArrayList;
import java.util.List;

/*
 * The current record ($0) and its fields. Fields are split from the record with FS only when
 * something asks for one (most programs that print $0 never need them), so FS is read then, not
 * when the record arrives; assigning a field or NF rebuilds $0 joined with OFS, as POSIX awk does.
 * Split out of Interpreter because this state and its invariant (fields is null or the split of
 * record, or after an assignment record is the join of fields) read best alone.
 */

/** $0 and $1..$NF of the current record. */
final class Fields {
    private final Interpreter in;
    private String record = "";
    /** Fields 1..NF of the record, or null until they are needed. */
    private List<String> fields;

    Fields(Interpreter in) {
        this.in = in;
    }

    String text() { return record; }

    /** A new record: its fields are split when first needed. */
    void set(String r) {
        record = r;
        fields = null;
    }

    int nf() { return fields().size(); }

    /** NF = n: drops fields past n or adds empty ones, and rebuilds $0. */
    void setNf(int n) {
        if (n < 0) {
            throw new RuntimeError("NF set to negative value");
        }
        List<String> f = fields();
        while (f.size() > n) {
            f.remove(f.size() - 1);
        }
        while (f.size() < n) {
            f.add("");
        }
        rebuild();
    }

    private List<String> fields() {
        if (fields == null) {
            fields = split(record, in.get("FS").str("%.6g"));
        }
        return fields;
    }

    /** Splits s as FS does: " " on runs of blanks (ignoring leading and trailing), one other character literally, else a regex. */
    List<String> split(String s, String fs) {
        List<String> out = new ArrayList<>();
        if (fs.equals(" ")) {
            for (String w : s.trim().split("[ \\t\\n]+")) {
                if (!w.isEmpty()) {
                    out.add(w);
                }
            }
            return out;
        }
        if (s.isEmpty()) {
            return out;
        }
        if (fs.length() == 1 && fs.charAt(0) != '\\') {
            int from = 0;
            while (true) {
                int i = s.indexOf(fs.charAt(0), from);
                if (i < 0) {
                    out.add(s.substring(from));
                    return out;
                }
                out.add(s.substring(from, i));
                from = i + 1;
            }
        }
        for (String w : in.regex(fs).split(s, -1)) {
            out.add(w);
        }
        return out;
    }

    private void rebuild() {
        record = String.join(in.get("OFS").str("%.6g"), fields);
    }

    /** $i: $0 is the record, a field past NF is uninitialized. */
    Value field(int i) {
        if (i < 0) {
            throw new RuntimeError("negative field index $" + i);
        }
        if (i == 0) {
            return Value.strnum(record);
        }
        List<String> f = fields();
        return i <= f.size() ? Value.strnum(f.get(i - 1)) : Value.UNINIT;
    }

    /** $i = v: $0 is a new record; a field past NF extends the record with empty fields. */
    void setField(int i, Value v) {
        if (i < 0) {
            throw new RuntimeError("negative field index $" + i);
        }
        if (i == 0) {
            set(in.toStr(v));
            return;
        }
        if (i > 100_000) {
            throw new RuntimeError("$" + i + " exceeds maximum field(32767)");
        }
        List<String> f = fields();
        while (f.size() < i) {
            f.add("");
        }
        f.set(i - 1, in.toStr(v));
        rebuild();
    }
}
