package dev.kplay.cc.sema;

/**
 * gcc's "did you mean ‘kmalloc’?" (gcc/spellcheck.cc, c-decl.cc lookup_name_fuzzy): the closest
 * visible name by gcc's edit distance (Damerau-Levenshtein, optimal string alignment, where an edit
 * costs 2 and a change of case 1), within gcc's cutoff. The bindings of each scope are considered
 * innermost scope and latest declaration first, a candidate replacing the best only when strictly
 * closer; struct, union and enum tags count as names, as they share gcc's scopes; implicitly
 * declared functions do not (they were misspellings themselves), nor names reserved for the
 * implementation (__x, _X) unless the misspelling starts with '_'. A function's lookup takes
 * functions and pointers to functions. Then the macros get a turn, one that is strictly closer and
 * worth offering wins (a user macro with a reserved name never, a builtin such as __LINE__ may); gcc walks its
 * identifier hash table, kplay the order of definition, which can differ only between two
 * macros at the same distance. The suggestion must be within the cutoff for its own length.
 */
final class Spelling {
    private Spelling() {}

    /** What a lookup may suggest (gcc's lookup_name_fuzzy_kind). */
    enum Kind { NAME, FUNCTION }

    /** An edit; a substitution that only changes case costs CASE. */
    private static final int BASE = 2;
    private static final int CASE = 1;

    /** The best suggestion for {@code goal} among names in {@code scope} and {@code macros}, or null. */
    static String suggest(Scope scope, String goal, Kind kind, Iterable<String> macros) {
        boolean reservedOk = goal.startsWith("_");
        Best best = new Best(goal);
        for (Scope s = scope; s != null; s = s.parent) {
            for (int i = s.bindings.size() - 1; i >= 0; i--) {
                Object b = s.bindings.get(i);
                String name;
                if (b instanceof Obj o) {
                    if (o.implicit || kind == Kind.FUNCTION && !callable(o)) continue;
                    name = o.name;
                } else {
                    if (kind == Kind.FUNCTION) continue;
                    name = ((Scope.TagName) b).name();
                }
                if (name.isEmpty() || !reservedOk && reserved(name)) continue;
                best.consider(name);
            }
        }
        // gcc's best_macro_match: a search of its own that starts from the best distance so far; its
        // answer replaces the best only if it is one to offer (a macro of the same name, distance 0,
        // is not: "timer_setup" misused with two arguments still gets "did you mean ‘timer_reduce’?")
        Best macro = new Best(goal);
        macro.distance = best.distance;
        for (String m : macros) {
            macro.consider(m);
        }
        String m = macro.meaningful();
        if (m != null) {
            best.candidate = m;
            best.distance = macro.distance;
        }
        return best.meaningful();
    }

    /** Whether a name is reserved for the implementation (gcc's name_reserved_for_implementation_p). */
    static boolean reserved(String name) {
        return name.length() > 1 && name.charAt(0) == '_' && (name.charAt(1) == '_' || Character.isUpperCase(name.charAt(1)));
    }

    private static boolean callable(Obj o) {
        return o.kind == Obj.Kind.FUNC
            || o.kind == Obj.Kind.VAR && o.type instanceof Type.Ptr p && p.base() instanceof Type.Func;
    }

    /** gcc's best_match: the first strictly closest candidate, and whether it is close enough to offer. */
    private static final class Best {
        final String goal;
        String candidate;
        int distance = Integer.MAX_VALUE;

        Best(String goal) {
            this.goal = goal;
        }

        void consider(String c) {
            int least = Math.abs(c.length() - goal.length()) * BASE;
            if (least >= distance || least > cutoff(goal.length(), c.length())) return;
            int d = distance(goal, c);
            if (d < distance) {
                distance = d;
                candidate = c;
            }
        }

        String meaningful() {
            if (candidate == null || distance > cutoff(goal.length(), candidate.length()) || distance == 0) return null;
            return candidate;
        }
    }

    /** The closest member name of a struct or union (searching anonymous members), or null. */
    static String suggestMember(Type.Tag tag, String goal) {
        Best best = new Best(goal);
        members(tag, best);
        return best.meaningful();
    }

    private static void members(Type.Tag tag, Best best) {
        for (Type.Member m : tag.members) {
            if (m.name() == null) {
                if (m.type() instanceof Type.Struct s) members(s.tag(), best);
                continue;
            }
            best.consider(m.name());
        }
    }

    /** gcc's get_edit_distance_cutoff, in the units of distance(). */
    static int cutoff(int goal, int candidate) {
        int max = Math.max(goal, candidate), min = Math.min(goal, candidate);
        if (max <= 1) return 0;
        if (max - min <= 1) return BASE * Math.max(max / 3, 1);
        return BASE * (max + 2) / 3;
    }

    /** gcc's get_edit_distance: insert, delete, substitute, transpose cost BASE; a change of case only CASE. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i * BASE;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j * BASE;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                char x = a.charAt(i - 1), y = b.charAt(j - 1);
                int cost = x == y ? 0 : Character.toLowerCase(x) == Character.toLowerCase(y) ? CASE : BASE;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + BASE, d[i][j - 1] + BASE), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && x == b.charAt(j - 2) && a.charAt(i - 2) == y) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + BASE);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
