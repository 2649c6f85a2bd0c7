package dev.kplay.session;

import dev.kplay.cc.kbuild.BuildResult;
import java.util.Map;

/*
 * The build step as a session sees it: source files in, kbuild's result out. An interface so the
 * session does not care which toolchain (or which test double) builds; the application wires kbuild.
 */

/** Builds a module directory's files ("make" in /root). */
@FunctionalInterface
public interface Toolchain {
    BuildResult build(Map<String, String> files);
}
