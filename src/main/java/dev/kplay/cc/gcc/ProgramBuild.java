package dev.kplay.cc.gcc;

import dev.kplay.cc.diag.Diagnostic;
import dev.kplay.cc.kbuild.BuildResult;
import dev.kplay.ko.ModuleImage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/*
 * The Build button over a directory that may hold user programs as well as modules: a .c file
 * with a main() and nothing of a module (no module_init, no MODULE_LICENSE, no <linux/module.h>)
 * is a program, built as `make NAME` builds one with make's built-in rule (it prints
 * "cc     NAME.c   -o NAME", then gcc's messages); the other files go to kbuild as before. The
 * executables are artifacts named without ".ko" (the session writes them with mode 0755).
 */

/** kbuild for the modules, gcc for the programs. */
public final class ProgramBuild {
    private static final Pattern MAIN = Pattern.compile("\\bmain\\s*\\(");
    private static final Pattern MODULE = Pattern.compile("module_init|module_exit|MODULE_LICENSE|<linux/module\\.h>");

    private ProgramBuild() {}

    /** Whether a source file is a user program rather than a module. */
    public static boolean isProgram(String name, String text) {
        return name.endsWith(".c") && MAIN.matcher(text).find() && !MODULE.matcher(text).find();
    }

    /** Builds {@code files}: the modules with {@code kbuild} (if any), then each program. */
    public static BuildResult build(Function<Map<String, String>, BuildResult> kbuild, Map<String, String> files) {
        Map<String, String> modules = new TreeMap<>();
        List<String> programs = new ArrayList<>();
        for (Map.Entry<String, String> f : files.entrySet()) {
            if (isProgram(f.getKey(), f.getValue())) {
                programs.add(f.getKey());
            } else {
                modules.put(f.getKey(), f.getValue());
            }
        }
        if (programs.isEmpty()) {
            return kbuild.apply(files);
        }
        boolean anyModule = modules.keySet().stream().anyMatch(n -> n.endsWith(".c") || n.equals("Makefile") || n.equals("Kbuild"));
        StringBuilder out = new StringBuilder();
        List<Diagnostic> diagnostics = new ArrayList<>();
        Map<String, ModuleImage> artifacts = new LinkedHashMap<>();
        boolean ok = true;
        if (anyModule) {
            BuildResult m = kbuild.apply(modules);
            out.append(m.output());
            diagnostics.addAll(m.diagnostics());
            artifacts.putAll(m.artifacts());
            ok = m.ok();
        }
        for (String p : programs) {
            String base = p.substring(0, p.length() - 2);
            out.append("cc     ").append(p).append("   -o ").append(base).append('\n');
            Gcc.Result r = Gcc.run(List.of(p, "-o", base), files);
            out.append(r.output());
            diagnostics.addAll(r.diagnostics());
            if (r.image() == null) {
                out.append("make: *** [<builtin>: ").append(base).append("] Error 1\n");
                ok = false;
            } else {
                artifacts.put(base, r.image());
            }
        }
        return new BuildResult(ok, out.toString(), diagnostics, ok ? artifacts : Map.of());
    }
}
