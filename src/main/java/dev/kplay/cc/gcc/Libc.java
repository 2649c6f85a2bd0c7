package dev.kplay.cc.gcc;

import dev.kplay.cc.Compiler;
import dev.kplay.cc.diag.Diagnostics;
import dev.kplay.cc.lex.Token;
import dev.kplay.cc.pp.Preprocessor;
import dev.kplay.cc.source.SourceFile;
import dev.kplay.ko.ModuleImage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/*
 * kplay's libc as a static archive (libc.a): the C sources under resources/libc/src, compiled by
 * kplay's own compiler the first time a user program is linked, then shared by every build of the
 * server (the objects are immutable). The library is C rather than Java so that a user program's
 * printf runs in the VM in user mode like the rest of the program, faults where glibc's would,
 * and costs instructions (virtual time) as real code does; only the `syscall` instruction is the
 * kernel's (see syscall.c).
 */

/** The objects of kplay's libc. */
public final class Libc {
    /** The members of libc.a, in archive order; start.o is crt1.o, linked into every program. */
    static final List<String> SOURCES = List.of("start.c", "syscall.c", "exit.c", "assert.c", "unistd.c", "fcntl.c",
            "ioctl.c", "stat.c", "poll.c", "time.c", "signal.c", "mman.c", "string.c", "ctype.c", "stdlib.c",
            "malloc.c", "stdio.c", "printf.c", "strerror.c");
    /** The library's own header for its members (not installed in /usr/include). */
    private static final String INTERNAL = "internal.h";

    private static volatile Map<String, ModuleImage> objects;

    private Libc() {}

    /** The archive's members by object name ("printf.o"), compiled once. */
    static Map<String, ModuleImage> objects() {
        Map<String, ModuleImage> o = objects;
        if (o == null) {
            synchronized (Libc.class) {
                o = objects;
                if (o == null) {
                    o = compileAll();
                    objects = o;
                }
            }
        }
        return o;
    }

    private static Map<String, ModuleImage> compileAll() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(INTERNAL, source(INTERNAL));
        for (String s : SOURCES) {
            files.put(s, source(s));
        }
        Map<String, ModuleImage> out = new LinkedHashMap<>();
        for (String s : SOURCES) {
            Diagnostics diags = new Diagnostics();
            Preprocessor pp = Preprocessor.forUser(files, diags, true);
            SourceFile file = new SourceFile(s, files.get(s));
            List<Token> tokens = pp.preprocess(file);
            ModuleImage image = tokens == null ? null : Gcc.onDeepStack(() -> Compiler.compile(file, tokens, diags));
            if (image == null || diags.hasErrors()) {
                throw new IllegalStateException("kplay's libc does not compile: " + s + "\n" + diags.render());
            }
            out.put(s.replace(".c", ".o"), image);
        }
        return Map.copyOf(out);
    }

    private static String source(String name) {
        try (InputStream in = Libc.class.getResourceAsStream("/libc/src/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing libc source " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read libc source " + name, e);
        }
    }
}
