package dev.kplay.cc.kbuild;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What kbuild reads from a module directory's Makefile (or Kbuild file): the modules to build
 * ({@code obj-m += hello-1.o startstop.o}) and the objects of a module that spans several files
 * ({@code startstop-objs := start.o stop.o}, or {@code startstop-y}). Everything else in the file
 * (the {@code all:} rule that calls make -C ..., variables, comments) is the outer make's business.
 *
 * <p>Without a Makefile, every .c file is a module of its own, as if the Makefile listed them all.
 */
record Makefile(List<Module> modules) {
    /** A module and the objects (base names, "start" for start.o) linked into it. */
    record Module(String name, List<String> objects) {}

    /** The build plan for {@code files}: from "Kbuild" or "Makefile" if one names obj-m, else one module per .c. */
    static Makefile of(Map<String, String> files) {
        for (String name : List.of("Kbuild", "Makefile", "makefile")) {
            String text = files.get(name);
            if (text != null) {
                Makefile m = parse(text);
                if (!m.modules().isEmpty()) return m;
            }
        }
        List<Module> modules = new ArrayList<>();
        for (String f : new TreeMap<>(files).keySet()) {
            if (f.endsWith(".c") && !f.contains("/")) {
                String base = f.substring(0, f.length() - 2);
                modules.add(new Module(base, List.of(base)));
            }
        }
        return new Makefile(modules);
    }

    static Makefile parse(String text) {
        List<String> objm = new ArrayList<>();
        Map<String, List<String>> parts = new LinkedHashMap<>();
        for (String line : text.replace("\\\n", " ").split("\n")) {
            if (line.startsWith("\t") || line.trim().startsWith("#")) continue;
            int hash = line.indexOf('#');
            if (hash >= 0) line = line.substring(0, hash);
            int op = opIndex(line);
            if (op < 0) continue;
            String var = line.substring(0, op).trim();
            boolean append = line.charAt(op) == '+';
            String value = line.substring(line.indexOf('=', op) + 1).trim();
            List<String> objs = new ArrayList<>();
            for (String w : value.split("\\s+")) {
                if (w.endsWith(".o")) objs.add(w.substring(0, w.length() - 2));
            }
            if (var.equals("obj-m")) {
                if (!append) objm.clear();
                objm.addAll(objs);
            } else if (var.endsWith("-objs") || var.endsWith("-y")) {
                String mod = var.substring(0, var.lastIndexOf('-'));
                List<String> list = parts.computeIfAbsent(mod, k -> new ArrayList<>());
                if (!append) list.clear();
                list.addAll(objs);
            }
        }
        List<Module> modules = new ArrayList<>();
        for (String m : objm) {
            List<String> objs = parts.get(m);
            modules.add(new Module(m, objs == null || objs.isEmpty() ? List.of(m) : List.copyOf(objs)));
        }
        return new Makefile(modules);
    }

    /** Index of the assignment operator ("+=", ":=", "?=" or "=") in a make line, or -1. */
    private static int opIndex(String line) {
        int eq = line.indexOf('=');
        if (eq <= 0) return -1;
        char before = line.charAt(eq - 1);
        return before == '+' || before == ':' || before == '?' ? eq - 1 : eq;
    }
}
