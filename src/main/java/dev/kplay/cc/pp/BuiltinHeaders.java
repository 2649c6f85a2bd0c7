package dev.kplay.cc.pp;

import dev.kplay.cc.diag.Diagnostics;
import dev.kplay.cc.lex.Lexer;
import dev.kplay.cc.lex.Token;
import dev.kplay.cc.source.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * kplay's own kernel headers, served from {@code resources/include} (the system include directory
 * of every build, as /usr/src/linux-headers-.../include is for gcc in kbuild).
 *
 * <p>Each is named as gcc names it on Debian's 6.1 (/usr/src/linux-headers-6.1.0-56-common/include/...).
 * Where gcc quotes a header's lines or its #include lines in a diagnostic (printk.h's pr_* macros,
 * the chain module.h, list.h, asm/barrier.h, asm/alternative.h, asm/bug.h, asm-generic/bug.h that
 * first reaches printk.h), kplay's header has 6.1's text on 6.1's line numbers.
 *
 * <p>The headers never change while the server runs, so each is read and tokenized once and its
 * token list shared by every build (tokens are immutable records). That keeps a build of hello-3
 * from re-lexing a few thousand lines of headers each time.
 */
final class BuiltinHeaders {
    private static final Map<String, Optional<List<Token>>> CACHE = new ConcurrentHashMap<>();

    /**
     * The prefix of kplay's own libc headers (resources/libc/include, the /usr/include of a user
     * program's gcc), so that one cache and one "s:" key space serve both include roots.
     */
    static final String LIBC = "=libc/";

    private BuiltinHeaders() {}

    /** The tokens of header {@code name} ("linux/module.h"), with its EOF token, or null if there is none. */
    static List<Token> tokens(String name) {
        if (name.contains("..") || name.startsWith("/")) return null;
        return CACHE.computeIfAbsent(name, BuiltinHeaders::load).orElse(null);
    }

    private static Optional<List<Token>> load(String name) {
        boolean libc = name.startsWith(LIBC);
        String resource = libc ? "/libc/include/" + name.substring(LIBC.length()) : "/include/" + name;
        try (InputStream in = BuiltinHeaders.class.getResourceAsStream(resource)) {
            if (in == null) return Optional.empty();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Diagnostics d = new Diagnostics();
            String shown = libc ? "/usr/include/" + name.substring(LIBC.length()) : LinuxHeaders.path(name);
            List<Token> toks = Lexer.tokenize(new SourceFile(shown, text), d);
            if (d.hasErrors()) {
                throw new IllegalStateException("built-in header " + name + " does not lex:\n" + d.render());
            }
            return Optional.of(List.copyOf(toks));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read built-in header " + name, e);
        }
    }
}
