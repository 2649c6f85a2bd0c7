package dev.kplay.cc.kbuild;

import dev.kplay.cc.diag.Diagnostic;
import dev.kplay.ko.ModuleImage;
import java.util.List;
import java.util.Map;

/**
 * What {@code make} in a module directory produced: success, the full terminal output (kbuild's
 * lines, gcc's and modpost's diagnostics), the diagnostics for the editor, and the built modules
 * by file name ("hello-3.ko"). A failed build has no artifacts.
 */
public record BuildResult(boolean ok, String output, List<Diagnostic> diagnostics, Map<String, ModuleImage> artifacts) {}
