package dev.kplay.bench;

/**
 * A 2,000-line module for the build figure: a header of structs and helpers, then families of
 * functions with loops, switches, pointers, structs and printk, all used from init so there is no
 * unused-function warning. Generated (deterministically) rather than checked in, so the line count
 * is exact.
 */
final class BigModule {
    static final int LINES = 2000;

    private BigModule() {}

    /** The module's source: exactly LINES lines; salt goes in the first comment (a different build input each time). */
    static String source(String salt) {
        StringBuilder b = new StringBuilder();
        b.append("/* big.c: a module of ").append(LINES).append(" lines (").append(salt).append(") */\n");
        b.append("#include <linux/init.h>\n#include <linux/kernel.h>\n#include <linux/module.h>\n\n");
        b.append("struct item {\n\tint key;\n\tlong value;\n\tstruct item *next;\n};\n\n");
        b.append("static struct item items[64];\nstatic long total;\n\n");
        int fn = 0;
        StringBuilder calls = new StringBuilder();
        while (lines(b) + 12 + lines(calls) < LINES - 20) {
            switch (fn % 4) {
                case 0 -> b.append("static long f").append(fn).append("(int n)\n{\n\tlong s = 0;\n\tint i;\n\n")
                        .append("\tfor (i = 0; i < n; i++)\n\t\ts += (i * ").append(fn + 3)
                        .append(") ^ (s >> 2);\n\treturn s;\n}\n\n");
                case 1 -> b.append("static int f").append(fn).append("(int k)\n{\n\tswitch (k & 3) {\n")
                        .append("\tcase 0:\n\t\treturn k + ").append(fn).append(";\n\tcase 1:\n\t\treturn k * 2;\n")
                        .append("\tdefault:\n\t\treturn -k;\n\t}\n}\n\n");
                case 2 -> b.append("static void f").append(fn).append("(struct item *it, int k)\n{\n")
                        .append("\tit->key = k;\n\tit->value = (long)k * ").append(fn).append(";\n")
                        .append("\tit->next = 0;\n\ttotal += it->value;\n}\n\n");
                default -> b.append("static long f").append(fn).append("(const int *a, int n)\n{\n")
                        .append("\tlong m = 0;\n\n\twhile (n-- > 0)\n\t\tif (a[n] > m)\n\t\t\tm = a[n];\n")
                        .append("\treturn m;\n}\n\n");
            }
            switch (fn % 4) {
                case 0 -> calls.append("\ttotal += f").append(fn).append("(").append(fn % 7 + 1).append(");\n");
                case 1 -> calls.append("\ttotal += f").append(fn).append("(").append(fn).append(");\n");
                case 2 -> calls.append("\tf").append(fn).append("(&items[").append(fn % 64).append("], ").append(fn)
                        .append(");\n");
                default -> calls.append("\ttotal += f").append(fn).append("(&items[0].key, 1);\n");
            }
            fn++;
        }
        b.append("static int __init big_init(void)\n{\n").append(calls);
        b.append("\tpr_info(\"big: %ld\\n\", total);\n\treturn 0;\n}\n\n");
        b.append("static void __exit big_exit(void)\n{\n}\n\n");
        b.append("module_init(big_init);\nmodule_exit(big_exit);\n");
        while (lines(b) < LINES - 1) {
            b.append("\n");
        }
        b.append("MODULE_LICENSE(\"GPL\");\n");
        return b.toString();
    }

    private static int lines(CharSequence s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }
}
