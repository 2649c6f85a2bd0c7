package dev.kplay.cc.kbuild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kplay.cc.diag.Diagnostics;
import dev.kplay.cc.lex.Token;
import dev.kplay.cc.lex.TokenKind;
import dev.kplay.cc.pp.Preprocessor;
import dev.kplay.cc.source.SourceFile;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No silent placeholders, on the toolchain's side: every function or object the built-in headers
 * declare extern is either modelled (Module.symvers: the kernel exports it) or refused at build
 * (unmodelled.symvers: modpost's undefined error and kplay's note), or is one Linux does not export
 * either; and every listed export is declared by some header.
 */
class SymversTest {
    /** Declared in Linux's headers but not exported to modules: modpost reports them undefined, as in 6.1. */
    static final Set<String> NOT_EXPORTED = Set.of("__con_initcall_start", "__start___param", "__this_module",
        "boot_command_line", "linux_banner", "saved_command_line", "do_one_initcall", "chrdev_show", "cd_forget",
        "cdev_put", "wake_up_new_task", "is_module_address", "do_exit", "get_taint", "schedule_preempt_disabled", "__x64_sys_ni_syscall",
        "wake_up_state",
        // FORTIFY's __compiletime_error functions: gcc refuses a module that keeps a call to one, so none is exported
        "__write_overflow", "__read_overflow2", "__bad_copy_from", "__bad_copy_to",
        // FORTIFY's name for the library's strnlen (__asm__("strnlen")), which its inline strnlen() calls
        "__real_strnlen", "__real_strlcpy", "__real_strscpy", "__real_memscan", "__real_memchr", "__real_memchr_inv",
        "__real_kmemdup", "__read_overflow");

    static Set<String> declared() throws Exception {
        Path root = Path.of(SymversTest.class.getResource("/include").toURI());
        List<String> hs;
        try (Stream<Path> s = Files.walk(root)) {
            hs = s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/')).sorted()
                .collect(Collectors.toList());
        }
        StringBuilder src = new StringBuilder();
        for (String h : hs) src.append("#include <").append(h).append(">\n");
        List<Token> toks = Preprocessor.forKbuild(Map.of("x.c", src.toString()), new Diagnostics(), "x.c")
            .preprocess(new SourceFile("x.c", src.toString()));
        Set<String> out = new TreeSet<>();
        List<Token> cur = new ArrayList<>();
        int depth = 0;
        for (Token t : toks) {
            if (t.is("{")) depth++;
            if (depth == 0) cur.add(t);
            if (t.is("}") && --depth == 0) {
                if (!cur.isEmpty() && cur.get(cur.size() - 1).is(")")) cur.clear();   // a function definition
                continue;
            }
            if (depth == 0 && t.is(";")) {
                String name = declaredName(cur);
                if (name != null) out.add(name);
                cur.clear();
            }
        }
        return out;
    }

    /** The name an external declaration declares, or null for typedefs, statics and type declarations. */
    static String declaredName(List<Token> decl) {
        List<Token> s = new ArrayList<>();
        for (int i = 0; i < decl.size(); i++) {
            Token t = decl.get(i);
            if (t.is("typedef") || t.is("static") || t.is("_Static_assert")) return null;
            if (t.is("__attribute__")) {
                int d = 0;
                for (i++; i < decl.size(); i++) {
                    if (decl.get(i).is("(")) d++;
                    if (decl.get(i).is(")") && --d == 0) break;
                }
                continue;
            }
            s.add(t);
        }
        if (s.size() <= 3 && (s.get(0).is("struct") || s.get(0).is("union") || s.get(0).is("enum"))) return null;
        int pd = 0;
        for (int i = 0; i + 1 < s.size(); i++) {
            if (s.get(i).is("(")) {
                if (pd == 0 && i > 0 && s.get(i - 1).kind() == TokenKind.IDENT) return s.get(i - 1).text();
                pd++;
            } else if (s.get(i).is(")")) {
                pd--;
            }
        }
        String name = null;
        for (Token t : s) {
            if (t.is("[") || t.is("=") || t.is(";") || t.is(",")) break;
            if (t.kind() == TokenKind.IDENT) name = t.text();
        }
        return name;
    }

    /**
     * Exports a module calls with no header declaring them: the calls gcc itself emits (its stack
     * protector's __stack_chk_fail), and the library functions FORTIFY's inline wrappers of the same
     * name reach through __builtin_* or an asm label (linux/string.h's strcpy, strncpy, strcat, strnlen, strlcpy, strscpy, memcmp...).
     */
    private static final Set<String> COMPILER_CALLED = Set.of("__stack_chk_fail", "strcpy", "strncpy", "strcat", "strnlen",
        "strlcpy", "strscpy", "memscan", "memcmp", "memchr", "memchr_inv", "kmemdup");

    @Test
    void everyDeclarationIsExportedAndEveryExportDeclared() throws Exception {
        Set<String> declared = declared();
        Set<String> exported = new TreeSet<>(SymbolTable.vmlinux().keySet());
        exported.addAll(SymbolTable.unmodelled().keySet());
        List<String> missing = declared.stream().filter(n -> !exported.contains(n) && !NOT_EXPORTED.contains(n))
            .collect(Collectors.toList());
        assertEquals(List.of(), missing, "declared by a header but neither in Module.symvers nor in unmodelled.symvers");
        List<String> undeclared = exported.stream().filter(n -> !declared.contains(n) && !COMPILER_CALLED.contains(n))
            .collect(Collectors.toList());
        assertEquals(List.of(), undeclared, "in Module.symvers but declared by no header");
    }

    @Test
    void symversLinesAreWellFormed() {
        for (SymbolTable.Export e : SymbolTable.vmlinux().values()) {
            assertEquals("vmlinux", e.module());
            assertTrue(e.crc() >= 0 && e.crc() <= 0xffffffffL, e.name());
        }
        assertTrue(SymbolTable.vmlinux().get("device_create").gplOnly());
        for (String group : SymbolTable.unmodelled().values()) {
            assertTrue(group.matches("[a-z0-9_/-]+\\.h"), group);
        }
        assertTrue(!SymbolTable.vmlinux().get("_printk").gplOnly());
    }
}
