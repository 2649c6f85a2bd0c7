package dev.kplay.session;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/*
 * What a client may send a session before it reaches the kernel: file names, command lines, boot
 * parameters, and the command lines the insmod and rmmod buttons stand for. These checks are pure
 * functions of their input, so they live apart from the session's state and its lock; Session
 * keeps its public names for them.
 */

/** The session's input checks and the button command lines. */
final class CommandLines {
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+-]{0,63}");

    /** Longest command line a client may send. */
    static final int MAX_COMMAND_CHARS = 16 * 1024;

    private CommandLines() {
    }

    /** The boot parameters of {@code cmdline}, or a 400 naming the one kplay does not simulate. */
    static dev.kplay.kernel.BootParams bootParams(String cmdline) {
        try {
            return dev.kplay.kernel.BootParams.parse(cmdline);
        } catch (IllegalArgumentException e) {
            throw new SessionException(SessionException.Kind.BAD_REQUEST, e.getMessage());
        }
    }

    /** Refuses a files-API name the session would not accept (400): a file of /root, or "linux/PATH" in ~/linux. */
    static void checkFileName(String name) {
        if (LinuxTree.isTreeName(name)) {
            LinuxTree.checkPath(name);
        } else {
            checkName(name);
        }
    }

    /** Refuses a file name the session would not accept (400). */
    static void checkName(String name) {
        if (LinuxTree.isTreeName(name)) {
            LinuxTree.checkPath(name);      // a path inside ~/linux: "linux/kernel/sys.c"
            return;
        }
        if (name == null || !FILE_NAME.matcher(name).matches() || name.contains("..")) {
            throw new SessionException(SessionException.Kind.BAD_REQUEST,
                    "bad file name: use letters, digits and . _ + - (at most 64 characters, no '/')");
        }
    }

    /** Refuses a source text longer than {@code maxBytes} in UTF-8 (413). */
    static void checkSource(String name, String text, int maxBytes) {
        if (text.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            throw new SessionException(SessionException.Kind.TOO_LARGE,
                    name + ": file too large (" + text.getBytes(StandardCharsets.UTF_8).length + " bytes; the limit is "
                            + maxBytes + " bytes)");
        }
    }

    /** Refuses a missing or too long command line (400, 413). */
    static void checkCommand(String command) {
        if (command == null) {
            throw new SessionException(SessionException.Kind.BAD_REQUEST, "missing \"command\"");
        }
        if (command.length() > MAX_COMMAND_CHARS) {
            throw new SessionException(SessionException.Kind.TOO_LARGE, "command line too long (the limit is "
                    + MAX_COMMAND_CHARS + " characters)");
        }
    }

    /** The command line of the insmod button: the module and each parameter quoted as one argument. */
    static String insmodLine(String module, String params) {
        if (module == null || module.isBlank()) {
            throw new SessionException(SessionException.Kind.BAD_REQUEST, "missing \"module\"");
        }
        StringBuilder line = new StringBuilder("insmod ").append(quote(module));
        for (String word : paramWords(params == null ? "" : params)) {
            line.append(' ').append(quote(word));
        }
        return line.toString();
    }

    /**
     * The params field split into insmod's arguments as the kernel's next_arg() reads them: at
     * blanks outside double quotes, quotes kept (the kernel strips them). Each word becomes one
     * argument, quoted for the shell, so nothing in the field is ever read as shell syntax.
     */
    static List<String> paramWords(String params) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inQuote = false;
        for (int i = 0; i < params.length(); i++) {
            char c = params.charAt(i);
            if (c == '"') {
                inQuote = !inQuote;
            }
            if (!inQuote && Character.isWhitespace(c)) {
                if (w.length() > 0) {
                    words.add(w.toString());
                    w.setLength(0);
                }
            } else {
                w.append(c);
            }
        }
        if (w.length() > 0) {
            words.add(w.toString());
        }
        return words;
    }

    /** The command line of the rmmod button. */
    static String rmmodLine(String module) {
        if (module == null || module.isBlank()) {
            throw new SessionException(SessionException.Kind.BAD_REQUEST, "missing \"module\"");
        }
        return "rmmod " + quote(module);
    }

    private static String quote(String word) {
        return word.matches("[A-Za-z0-9_./+=,:-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
