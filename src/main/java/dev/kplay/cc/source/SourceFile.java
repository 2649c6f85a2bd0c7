package dev.kplay.cc.source;

import java.util.ArrayList;
import java.util.List;

/**
 * A source text with a name as gcc prints it ("hello-3.c", "linux/module.h" for built-in headers),
 * and a line table so a byte offset maps to a line and a gcc display column.
 */
public final class SourceFile {
    private final String name;
    private final String text;
    private final int[] lineStarts;   // offset of the first character of each line, ascending

    public SourceFile(String name, String text) {
        this.name = name;
        this.text = text;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    public String name() { return name; }

    public String text() { return text; }

    /** 1-based line of a character offset. */
    public int line(int offset) {
        int lo = 0, hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset) lo = mid; else hi = mid - 1;
        }
        return lo + 1;
    }

    /** The offset where 1-based line n starts. */
    public int lineStart(int n) {
        return lineStarts[n - 1];
    }

    /** How many lines the text has (a last line without a newline counts). */
    public int lineCount() {
        return lineStarts.length;
    }

    /** The text of 1-based line n, without its newline. */
    public String lineText(int n) {
        int start = lineStarts[n - 1];
        int end = n < lineStarts.length ? lineStarts[n] - 1 : text.length();
        if (end > start && text.charAt(end - 1) == '\r') end--;
        return text.substring(start, Math.max(start, end));
    }

    /**
     * gcc's 1-based display column of an offset: tabs advance to the next multiple of 8
     * (-ftabstop=8, -fdiagnostics-column-unit=display), so "\treturn" is reported at column 9.
     */
    public int column(int offset) {
        int start = lineStarts[line(offset) - 1];
        int col = 0;
        for (int i = start; i < offset && i < text.length(); i++) {
            col = text.charAt(i) == '\t' ? (col / 8 + 1) * 8 : col + 1;
        }
        return col + 1;
    }
}
