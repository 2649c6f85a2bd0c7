package dev.kplay.userland.bin.sed;

import java.util.regex.Pattern;

/*
 * A sed script once compiled: a list of commands, each with up to two addresses and its
 * arguments, '{' and '}' pointing at each other so a block whose address does not match is
 * skipped in one jump, as GNU sed's compile.c links them. A range command keeps its state (inside
 * the range, the line a +N range ends at) on the command itself, which is what GNU sed does
 * too: the script is compiled once per run. Parser builds it, Interpreter runs it.
 */

/** The compiled form of a sed script, and the error its compilation reports. */
final class Script {
    private Script() {}

    /** A script error at character {@code at} (1-based) of the script. */
    static final class ScriptError extends RuntimeException {
        final int at;

        ScriptError(int at, String message) {
            super(message, null, false, false);
            this.at = at;
        }
    }

    /** An address: a line number, the last line ($), a regex, or a relative end (+N). */
    record Addr(int line, boolean last, Pattern re, int plus) {}

    /** One command of the script with its addresses and arguments, and its range state while it runs. */
    static final class Cmd {
        Addr a1;
        Addr a2;
        boolean negate;
        char name;
        String text;
        Pattern re;
        String repl;
        boolean global;
        boolean print;
        int nth = 1;
        String from;
        String to;
        int exit;
        /** Index of the matching '}' for '{', of the '{' for '}'. */
        int jump;
        /** Range state: inside the range, and the line a +N range ends at. */
        boolean active;
        int endLine;
    }
}
