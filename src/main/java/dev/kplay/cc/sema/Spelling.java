package dev.kplay.cc.sema;

/**
 * gcc's "did you mean ‘kmalloc’?" (gcc/spellcheck.cc): the closest visible name by
 * Damerau-Levenshtein distance, within gcc's cutoff, innermost scope and latest declaration first.
 */
final class Spelling {
    private Spelling() {}

    /** The best suggestion for {@code goal} among names in {@code scope}, or null. */
    static String suggest(Scope scope, String goal, boolean functionsOnly) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Scope s = scope; s != null; s = s.parent) {
            for (int i = s.order.size() - 1; i >= 0; i--) {
                Obj o = s.order.get(i);
                if (o.name.equals(goal) || o.name.startsWith("__") || o.name.isEmpty() || o.implicit) continue;
                if (functionsOnly ? o.kind != Obj.Kind.FUNC : o.kind == Obj.Kind.TYPEDEF) continue;
                int d = distance(goal, o.name);
                if (d < bestDistance && d <= cutoff(goal.length(), o.name.length())) {
                    best = o.name;
                    bestDistance = d;
                }
            }
        }
        return best;
    }

    /** The closest member name of a struct or union (searching anonymous members), or null. */
    static String suggestMember(Type.Tag tag, String goal) {
        String[] best = {null};
        int[] bestDistance = {Integer.MAX_VALUE};
        members(tag, goal, best, bestDistance);
        return best[0];
    }

    private static void members(Type.Tag tag, String goal, String[] best, int[] bestDistance) {
        for (Type.Member m : tag.members) {
            if (m.name() == null) {
                if (m.type() instanceof Type.Struct s) members(s.tag(), goal, best, bestDistance);
                continue;
            }
            int d = distance(goal, m.name());
            if (d < bestDistance[0] && d <= cutoff(goal.length(), m.name().length())) {
                best[0] = m.name();
                bestDistance[0] = d;
            }
        }
    }

    /** gcc's get_edit_distance_cutoff. */
    static int cutoff(int goal, int candidate) {
        int max = Math.max(goal, candidate), min = Math.min(goal, candidate);
        if (max <= 1) return 0;
        if (max - min <= 1) return Math.max(max / 3, 1);
        return (max + 2) / 3;
    }

    /** Optimal string alignment distance (insert, delete, substitute, transpose: cost 1). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
