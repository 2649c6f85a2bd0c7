package dev.kplay.cc.diag;

import dev.kplay.cc.diag.Diagnostics.Label;
import dev.kplay.cc.source.SourceFile;
import dev.kplay.cc.source.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * The quoted source under a diagnostic, as gcc 12's diagnostic-show-locus.cc lays it out: the
 * line number in a five-column gutter, the line with tabs expanded to 8 columns, then a marker
 * line with '^' at the caret and '~' under the ranges; for a rich location also the labels under
 * their ranges (with '|' connectors, staggered when they would touch), a fix-it line, and the
 * other lines that hold ranges. Learners compare this text with real gcc's character by character,
 * so each rule of gcc's layout is kept here in one place.
 *
 * <p>Split from {@link Diagnostics}, which decides what is reported and when (the order, the
 * include chain, the "In function" context); this class only draws, appending to its output.
 */
final class SourceQuote {
    private SourceQuote() {}

    /** A range on one line: columns a..b, the label's column and text. */
    private record Mark(int a, int b, int labelCol, String text) {}

    /** The source line of {@code at} with its caret at column col, '~' under the rest of range and at. */
    static void quote(StringBuilder out, SourceFile file, Span range, Span at, int line, int col) {
        sourceLine(out, file, line);
        int startCol = file.line(range.start()) == line ? file.column(range.start()) : col;
        int endCol = col;
        if (range.end() > range.start() && file.line(range.end() - 1) == line) {
            endCol = file.column(range.end() - 1);
        }
        if (at.end() > at.start() && file.line(at.end() - 1) == line) {
            endCol = Math.max(endCol, file.column(at.end() - 1));
        }
        startCol = Math.min(startCol, col);
        StringBuilder caret = new StringBuilder("      | ");
        caret.append(" ".repeat(Math.max(0, startCol - 1)));
        for (int c = startCol; c <= Math.max(endCol, col); c++) {
            caret.append(c == col ? '^' : '~');
        }
        out.append(caret).append('\n');
    }

    /**
     * A fix-it that inserts a whole line before line {@code line} (gcc's "#include" hint): the line
     * before it, the new line after "+++ |+", then the line that follows it.
     */
    static void insertion(StringBuilder out, SourceFile file, int line, String text) {
        if (line > 1) sourceLine(out, file, line - 1);
        out.append("  +++ |+").append(text).append('\n');
        if (line <= file.lineCount()) sourceLine(out, file, line);
    }

    /** A location with a line and no column: the line, and a marker line with nothing marked. */
    static void lineOnly(StringBuilder out, SourceFile file, int line) {
        sourceLine(out, file, line);
        out.append("      | ").append('\n');
    }

    /** "   12 | text": the line number in five columns, then the line with its tabs expanded. */
    private static void sourceLine(StringBuilder out, SourceFile file, int line) {
        out.append(String.format("%5d | ", line)).append(expandTabs(file.lineText(line))).append('\n');
    }

    /** Tabs to the next multiple of 8 columns, as gcc shows source lines. */
    static String expandTabs(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\t') {
                int n = 8 - b.length() % 8;
                b.append(" ".repeat(n));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * gcc's rich location: the caret's line with the caret and the ranges on it underlined, their
     * labels, an optional fix-it line, then each other line that holds a range, quoted with its marks.
     */
    static void rich(StringBuilder out, Span caret, List<Label> ranges, String fixit, Span fixitAt) {
        SourceFile file = caret.file();
        int line = caret.line();
        int col = caret.column();
        int width = col;
        TreeMap<Integer, List<Mark>> byLine = new TreeMap<>();
        for (Label l : ranges) {
            Span r = l.span();
            if (r == null || r.file() != file) continue;
            int rl = r.line();
            int a = r.column();
            int b = r.end() > r.start() && file.line(r.end() - 1) == rl ? file.column(r.end() - 1) : a;
            int labelCol = rl == line && col >= a && col <= b ? col : a;
            byLine.computeIfAbsent(rl, k -> new ArrayList<>()).add(new Mark(a, b, labelCol, l.text()));
            width = Math.max(width, b);
        }
        int fixCol = fixitAt != null ? fixitAt.column() : -1;
        if (fixit != null) width = Math.max(width, fixCol + fixit.length() - 1);
        List<Mark> here = byLine.getOrDefault(line, List.of());
        sourceLine(out, file, line);
        out.append("      | ").append(markers(col, here, false, 0)).append('\n');
        labels(out, here);
        if (fixit != null) {
            out.append("      | ").append(" ".repeat(Math.max(0, fixCol - 1))).append(fixit).append('\n');
        }
        for (var e : byLine.entrySet()) {
            if (e.getKey() == line) continue;
            sourceLine(out, file, e.getKey());
            out.append("      | ").append(markers(-1, e.getValue(), true, width)).append('\n');
            labels(out, e.getValue());
        }
    }

    /** gcc's layout::print_any_labels: label lines with '|' connectors, staggered when labels would touch. */
    private static void labels(StringBuilder out, List<Mark> marks) {
        List<Mark> ls = new ArrayList<>();
        for (Mark m : marks) if (m.text() != null) ls.add(m);
        if (ls.isEmpty()) return;
        ls.sort(Comparator.comparingInt(Mark::labelCol));
        int n = ls.size();
        int[] lineOf = new int[n];
        boolean[] vbar = new boolean[n];
        int max = 1;
        int next = Integer.MAX_VALUE;
        for (int i = n - 1; i >= 0; i--) {
            Mark m = ls.get(i);
            vbar[i] = true;
            if (m.labelCol() + m.text().length() >= next) {
                max++;
                if (m.labelCol() == next) vbar[i] = false;
            }
            lineOf[i] = max;
            next = m.labelCol();
        }
        for (int row = 0; row <= max; row++) {
            StringBuilder b = new StringBuilder("      | ");
            int column = 1;
            for (int i = 0; i < n; i++) {
                if (row > lineOf[i]) break;
                Mark m = ls.get(i);
                if (row == lineOf[i]) {
                    b.append(" ".repeat(Math.max(0, m.labelCol() - column)));
                    column = Math.max(column, m.labelCol());
                    b.append(m.text());
                    column += m.text().length();
                } else if (vbar[i]) {
                    b.append(" ".repeat(Math.max(0, m.labelCol() - column)));
                    column = Math.max(column, m.labelCol());
                    b.append('|');
                    column++;
                }
            }
            out.append(b).append('\n');
        }
    }

    private static String markers(int caretCol, List<Mark> ranges, boolean pad, int width) {
        int last = caretCol;
        for (Mark r : ranges) last = Math.max(last, r.b());
        StringBuilder b = new StringBuilder();
        for (int c = 1; c <= last; c++) {
            char ch = ' ';
            for (Mark r : ranges) if (c >= r.a() && c <= r.b()) ch = '~';
            if (c == caretCol) ch = '^';
            b.append(ch);
        }
        if (pad) while (b.length() < width) b.append(' ');
        return b.toString();
    }
}
