package dev.kplay.cc.sema;

import java.util.List;
import java.util.Map;

/*
 * What gcc 12 says when a module uses the C library, which a kernel module does not have: a name
 * of its table of well-known standard names (c-family/known-headers.cc) that nothing declares gets
 * "‘stderr’ is defined in header ‘<stdio.h>’; did you forget to ‘#include <stdio.h>’?" instead of a
 * "did you mean"; a call of one of its built-in library functions (printf, malloc, free...) gets
 * "include ‘<stdlib.h>’ or provide a declaration of ‘malloc’", and, when int f() is not compatible
 * with the built-in's type, "incompatible implicit declaration of built-in function ‘malloc’",
 * after which the call has the built-in's type (so `char *p = malloc(16)` says nothing more).
 *
 * The table is gcc 12's: later versions added names (strerror) that gcc 12, the oracle's, answers
 * with nothing; every name the kernel's headers declare (NULL, size_t, memcpy, strlen, INT_MAX)
 * never reaches it. The built-ins are the library functions a learner calls in a module; of
 * <math.h>'s, the call keeps type int, where gcc's double would be refused for -mno-sse anyway.
 */

/** gcc's hints for C library names in a module. */
public final class LibcHints {
    private LibcHints() {}

    /** A built-in library function: its header, and its type when int f() is not compatible with it (null if it is). */
    record Builtin(String header, Type type) {}

    private static final Map<String, String> HEADERS = table();

    private static Map<String, String> table() {
        Map<String, String> m = new java.util.HashMap<>();
        put(m, "<assert.h>", "assert");
        put(m, "<errno.h>", "errno");
        put(m, "<limits.h>", "CHAR_BIT", "CHAR_MAX", "CHAR_MIN", "INT_MAX", "INT_MIN", "LLONG_MAX", "LLONG_MIN",
            "LONG_MAX", "LONG_MIN", "MB_LEN_MAX", "SCHAR_MAX", "SCHAR_MIN", "SHRT_MAX", "SHRT_MIN", "UCHAR_MAX",
            "UINT_MAX", "ULLONG_MAX", "ULONG_MAX", "USHRT_MAX");
        put(m, "<float.h>", "DBL_MAX", "DBL_MIN", "FLT_MAX", "FLT_MIN", "LDBL_MAX", "LDBL_MIN");
        put(m, "<stdarg.h>", "va_list");
        put(m, "<stddef.h>", "NULL", "offsetof", "ptrdiff_t", "size_t", "wchar_t");
        put(m, "<stdio.h>", "BUFSIZ", "EOF", "FILE", "FILENAME_MAX", "fopen", "fpos_t", "getchar", "printf",
            "snprintf", "sprintf", "stderr", "stdin", "stdout");
        put(m, "<stdlib.h>", "EXIT_FAILURE", "EXIT_SUCCESS", "abort", "atexit", "calloc", "exit", "free", "getenv",
            "malloc", "realloc");
        put(m, "<string.h>", "memchr", "memcmp", "memcpy", "memmove", "memset", "strcat", "strchr", "strcmp", "strcpy",
            "strlen", "strncat", "strncmp", "strncpy", "strrchr", "strspn", "strstr");
        put(m, "<stdint.h>", "PTRDIFF_MAX", "PTRDIFF_MIN", "SIG_ATOMIC_MAX", "SIG_ATOMIC_MIN", "SIZE_MAX", "WINT_MAX",
            "WINT_MIN");
        put(m, "<time.h>", "asctime", "clock", "clock_t", "ctime", "difftime", "gmtime", "localtime", "mktime",
            "strftime", "time", "time_t", "tm");
        put(m, "<wchar.h>", "WCHAR_MAX", "WCHAR_MIN");
        // C99 names
        put(m, "<stdbool.h>", "bool", "true", "false");
        put(m, "<stdint.h>", "int8_t", "uint8_t", "int16_t", "uint16_t", "int32_t", "uint32_t", "int64_t", "uint64_t",
            "intptr_t", "uintptr_t", "INT8_MAX", "INT16_MAX", "INT32_MAX", "INT64_MAX", "UINT8_MAX", "UINT16_MAX",
            "UINT32_MAX", "UINT64_MAX", "INTPTR_MAX", "UINTPTR_MAX");
        for (String n : List.of("d", "i", "o", "u", "x", "X")) {
            for (String w : List.of("8", "16", "32", "64", "PTR")) {
                m.put("PRI" + n + w, "<inttypes.h>");
                if (!n.equals("X")) m.put("SCN" + n + w, "<inttypes.h>");
            }
        }
        return Map.copyOf(m);
    }

    private static void put(Map<String, String> m, String header, String... names) {
        for (String n : names) m.put(n, header);
    }

    /** The header gcc names for {@code name} (get_c_stdlib_header_for_name), or null. */
    static String header(String name) {
        return HEADERS.get(name);
    }

    private static final Type CONST_CHAR_P = new Type.Ptr(new Type.Int(Type.IntKind.CHAR, Type.CONST), 0);
    private static final Type VOID_P = new Type.Ptr(Type.VOID, 0);

    private static Type fn(Type ret, boolean variadic, Type... params) {
        return new Type.Func(ret, List.of(params), variadic, true, 0);
    }

    private static final Map<String, Builtin> BUILTINS = Map.ofEntries(
        Map.entry("printf", new Builtin("<stdio.h>", fn(Type.INT, true, CONST_CHAR_P))),
        Map.entry("fprintf", new Builtin("<stdio.h>", fn(Type.INT, true, VOID_P, CONST_CHAR_P))),
        Map.entry("scanf", new Builtin("<stdio.h>", fn(Type.INT, true, CONST_CHAR_P))),
        Map.entry("fscanf", new Builtin("<stdio.h>", fn(Type.INT, true, VOID_P, CONST_CHAR_P))),
        Map.entry("fwrite", new Builtin("<stdio.h>", fn(Type.ULONG, false, VOID_P, Type.ULONG, Type.ULONG, VOID_P))),
        Map.entry("puts", new Builtin("<stdio.h>", null)),
        Map.entry("putchar", new Builtin("<stdio.h>", null)),
        Map.entry("putc", new Builtin("<stdio.h>", null)),
        Map.entry("fputc", new Builtin("<stdio.h>", null)),
        Map.entry("fputs", new Builtin("<stdio.h>", null)),
        Map.entry("malloc", new Builtin("<stdlib.h>", fn(VOID_P, false, Type.ULONG))),
        Map.entry("calloc", new Builtin("<stdlib.h>", fn(VOID_P, false, Type.ULONG, Type.ULONG))),
        Map.entry("realloc", new Builtin("<stdlib.h>", fn(VOID_P, false, VOID_P, Type.ULONG))),
        Map.entry("free", new Builtin("<stdlib.h>", fn(Type.VOID, false, VOID_P))),
        Map.entry("exit", new Builtin("<stdlib.h>", fn(Type.VOID, false, Type.INT))),
        Map.entry("abort", new Builtin("<stdlib.h>", fn(Type.VOID, false))),
        Map.entry("labs", new Builtin("<stdlib.h>", fn(new Type.Int(Type.IntKind.LONG, 0), false,
            new Type.Int(Type.IntKind.LONG, 0)))),
        Map.entry("strftime", new Builtin("<time.h>", fn(Type.ULONG, false, new Type.Ptr(Type.CHAR, 0), Type.ULONG,
            CONST_CHAR_P, VOID_P))),
        Map.entry("sqrt", math()), Map.entry("pow", math()), Map.entry("sin", math()), Map.entry("cos", math()),
        Map.entry("tan", math()), Map.entry("exp", math()), Map.entry("log", math()), Map.entry("log10", math()),
        Map.entry("floor", math()), Map.entry("ceil", math()), Map.entry("fabs", math()), Map.entry("round", math()),
        Map.entry("fmod", math()), Map.entry("atan", math()), Map.entry("atan2", math()));

    /** A <math.h> built-in: incompatible with int f() (it returns double); the call keeps int (see above). */
    private static Builtin math() {
        return new Builtin("<math.h>", new Type.Func(Type.INT, List.of(), false, false, 0));
    }

    /** Whether gcc answers a use of undeclared {@code name} with a C library header. */
    public static boolean knows(String name) {
        return HEADERS.containsKey(name) || BUILTINS.containsKey(name);
    }

    /** The built-in library function {@code name} is, or null. */
    static Builtin builtin(String name) {
        return BUILTINS.get(name);
    }
}
