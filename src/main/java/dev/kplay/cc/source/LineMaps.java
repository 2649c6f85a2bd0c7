package dev.kplay.cc.source;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The include structure of one translation unit, as gcc's ordinary line maps (libcpp line-map.cc)
 * keep it: where each header was entered from, and where a file's text is split by the headers it
 * includes. gcc prints a diagnostic's "In file included from" chain when the map of its location
 * (the stretch of a file between two #include lines) differs from the last one it reported in
 * (diagnostic_report_current_module); {@link #module} names that stretch.
 */
public final class LineMaps {
    /** Where a header was entered: the includer and the line of its #include. */
    private record Inclusion(SourceFile includer, int line) {}

    private final Map<SourceFile, Inclusion> includedFrom = new HashMap<>();
    private final Map<SourceFile, List<Integer>> includeLines = new HashMap<>();

    /** Records that {@code header} was entered from line {@code line} of {@code includer}. */
    public void enter(SourceFile header, SourceFile includer, int line) {
        includedFrom.putIfAbsent(header, new Inclusion(includer, line));
        includeLines.computeIfAbsent(includer, k -> new ArrayList<>()).add(line);
    }

    /** The line map holding line {@code line} of {@code file}: the file and how many includes precede it. */
    public String module(SourceFile file, int line) {
        int n = 0;
        for (int l : includeLines.getOrDefault(file, List.of())) {
            if (l < line) n++;
        }
        return file.name() + "#" + n;
    }

    /** gcc's "In file included from" lines for a location in {@code file}; none for the main file. */
    public List<String> includeStack(SourceFile file) {
        List<String> places = new ArrayList<>();
        Inclusion inc = includedFrom.get(file);
        while (inc != null && places.size() <= 200) {
            places.add(inc.includer().name() + ":" + inc.line());
            inc = includedFrom.get(inc.includer());
        }
        return format(places);
    }

    /** gcc's lines for a chain of #include places ("a.h:2", "x.c:3"), innermost first. */
    public static List<String> format(List<String> places) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < places.size(); k++) {
            out.add((k == 0 ? "In file included from " : "                 from ") + places.get(k)
                + (k + 1 < places.size() ? "," : ":"));
        }
        return out;
    }
}
