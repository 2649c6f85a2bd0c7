package dev.kplay.cc.pp;

import java.util.Set;

/**
 * What gcc 12 for x86-64 knows before it reads a line of a kernel module: its predefined macros
 * ({@code gcc -dM -E} trimmed to what kernel code tests), and the attributes and builtins that
 * {@code __has_attribute} and {@code __has_builtin} answer yes to.
 */
final class Predefined {
    private Predefined() {}

    /** The predefined macros as #define lines (gcc's "&lt;built-in&gt;" file). */
    static final String BUILTIN = String.join("\n",
        "#define __STDC__ 1",
        "#define __STDC_VERSION__ 201112L",
        "#define __STDC_HOSTED__ 1",
        "#define __STDC_UTF_16__ 1",
        "#define __STDC_UTF_32__ 1",
        "#define __GNUC__ 12",
        "#define __GNUC_MINOR__ 2",
        "#define __GNUC_PATCHLEVEL__ 0",
        "#define __VERSION__ \"12.2.0\"",
        "#define __GNUC_STDC_INLINE__ 1",
        "#define __OPTIMIZE__ 1",
        "#define __x86_64__ 1",
        "#define __x86_64 1",
        "#define __amd64__ 1",
        "#define __amd64 1",
        "#define __linux__ 1",
        "#define __linux 1",
        "#define __gnu_linux__ 1",
        "#define __unix__ 1",
        "#define __unix 1",
        "#define __ELF__ 1",
        "#define __LP64__ 1",
        "#define _LP64 1",
        "#define __CHAR_BIT__ 8",
        "#define __SIZEOF_INT__ 4",
        "#define __SIZEOF_LONG__ 8",
        "#define __SIZEOF_LONG_LONG__ 8",
        "#define __SIZEOF_SHORT__ 2",
        "#define __SIZEOF_POINTER__ 8",
        "#define __SIZEOF_FLOAT__ 4",
        "#define __SIZEOF_DOUBLE__ 8",
        "#define __SIZEOF_LONG_DOUBLE__ 16",
        "#define __SIZEOF_SIZE_T__ 8",
        "#define __SIZEOF_WCHAR_T__ 4",
        "#define __SIZEOF_WINT_T__ 4",
        "#define __SIZEOF_PTRDIFF_T__ 8",
        "#define __SIZEOF_INT128__ 16",
        "#define __BIGGEST_ALIGNMENT__ 16",
        "#define __ORDER_LITTLE_ENDIAN__ 1234",
        "#define __ORDER_BIG_ENDIAN__ 4321",
        "#define __ORDER_PDP_ENDIAN__ 3412",
        "#define __BYTE_ORDER__ __ORDER_LITTLE_ENDIAN__",
        "#define __SCHAR_MAX__ 0x7f",
        "#define __SHRT_MAX__ 0x7fff",
        "#define __INT_MAX__ 0x7fffffff",
        "#define __LONG_MAX__ 0x7fffffffffffffffL",
        "#define __LONG_LONG_MAX__ 0x7fffffffffffffffLL",
        "#define __SIZE_MAX__ 0xffffffffffffffffUL",
        "#define __PTRDIFF_MAX__ 0x7fffffffffffffffL",
        "#define __SIZE_TYPE__ long unsigned int",
        "#define __PTRDIFF_TYPE__ long int",
        "#define __WCHAR_TYPE__ int",
        "#define __INTPTR_TYPE__ long int",
        "#define __UINTPTR_TYPE__ long unsigned int",
        "#define __INTMAX_TYPE__ long int",
        "#define __UINTMAX_TYPE__ long unsigned int",
        "#define __INT8_TYPE__ signed char",
        "#define __INT16_TYPE__ short int",
        "#define __INT32_TYPE__ int",
        "#define __INT64_TYPE__ long int",
        "#define __UINT8_TYPE__ unsigned char",
        "#define __UINT16_TYPE__ short unsigned int",
        "#define __UINT32_TYPE__ unsigned int",
        "#define __UINT64_TYPE__ long unsigned int",
        "#define __USER_LABEL_PREFIX__ ",
        "#define __REGISTER_PREFIX__ ",
        "#define __ATOMIC_RELAXED 0",
        "#define __ATOMIC_SEQ_CST 5",
        "#define __ATOMIC_ACQUIRE 2",
        "#define __ATOMIC_RELEASE 3",
        "#define __ATOMIC_ACQ_REL 4",
        "#define __ATOMIC_CONSUME 1",
        "#define __SSE__ 1",
        "#define __SSE2__ 1",
        "#define __MMX__ 1",
        "#define __k8 1",
        "#define __k8__ 1",
        "#define __code_model_kernel__ 1",
        "#define __SEG_FS 1",
        "#define __SEG_GS 1",
        "#define __CET__ 3",
        "");

    /** The kbuild command line: -D__KERNEL__ and the per-object defines kbuild passes. */
    static String commandLine(String modName, String baseName, String modFile) {
        return String.join("\n",
            "#define __KERNEL__ 1",
            "#define MODULE 1",
            "#define CC_USING_FENTRY 1",
            "#define KBUILD_MODFILE \"" + modFile + "\"",
            "#define KBUILD_BASENAME \"" + baseName + "\"",
            "#define KBUILD_MODNAME \"" + modName + "\"",
            "#define __KBUILD_MODNAME kmod_" + modName,
            "");
    }

    /** kbuild's -D flags for an object built into vmlinux (obj-y): as for a module, without MODULE. */
    static String builtinCommandLine(String modName, String baseName, String modFile) {
        return commandLine(modName, baseName, modFile).replace("#define MODULE 1\n", "");
    }

    /** The headers kbuild force-includes before the source (-include ...), in order. */
    static final String[] FORCE_INCLUDES = {"linux/compiler-version.h", "linux/kconfig.h", "linux/compiler_types.h"};

    private static final Set<String> ATTRIBUTES = Set.of(
        "alias", "aligned", "alloc_size", "always_inline", "artificial", "assume_aligned", "cleanup", "cold",
        "const", "constructor", "copy", "deprecated", "designated_init", "destructor", "error",
        "externally_visible", "fallthrough", "flatten", "format", "format_arg", "gnu_inline", "hot", "malloc",
        "mode", "no_instrument_function", "no_reorder", "no_sanitize_address", "no_sanitize_undefined",
        "no_stack_protector", "noclone", "noinline", "noipa", "nonnull", "noreturn", "nothrow", "packed",
        "pure", "returns_nonnull", "section", "sentinel", "transparent_union", "unused", "used",
        "visibility", "warn_unused_result", "warning", "weak", "access", "zero_call_used_regs");

    private static final Set<String> BUILTINS = Set.of(
        "__builtin_expect", "__builtin_constant_p", "__builtin_offsetof", "__builtin_types_compatible_p",
        "__builtin_choose_expr", "__builtin_unreachable", "__builtin_trap", "__builtin_memcpy",
        "__builtin_memset", "__builtin_memcmp", "__builtin_memmove", "__builtin_strlen", "__builtin_strcmp",
        "__builtin_va_start", "__builtin_va_end", "__builtin_va_arg", "__builtin_va_copy",
        "__builtin_return_address", "__builtin_frame_address", "__builtin_object_size",
        "__builtin_add_overflow", "__builtin_sub_overflow", "__builtin_mul_overflow", "__builtin_clz",
        "__builtin_clzl", "__builtin_clzll", "__builtin_ctz", "__builtin_ctzl", "__builtin_ctzll",
        "__builtin_ffs", "__builtin_ffsl", "__builtin_popcount", "__builtin_popcountl", "__builtin_bswap16",
        "__builtin_bswap32", "__builtin_bswap64", "__builtin_abs", "__builtin_labs", "__builtin_prefetch");

    /** gcc's answer to __has_attribute(name): nonzero for an attribute it supports. */
    static long hasAttribute(String name) {
        String n = name.startsWith("__") && name.endsWith("__") && name.length() > 4
            ? name.substring(2, name.length() - 2) : name;
        return ATTRIBUTES.contains(n) ? 1 : 0;
    }

    static long hasBuiltin(String name) {
        return BUILTINS.contains(name) ? 1 : 0;
    }
}
