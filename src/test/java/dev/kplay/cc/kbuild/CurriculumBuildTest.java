package dev.kplay.cc.kbuild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kplay.ko.ModuleImage;
import dev.kplay.ko.Section;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Modules in the style of the kernel-module curriculum (LKMPG) that use each built-in header:
 * each must compile without a single diagnostic, as it does with gcc against the real headers, and
 * link, unless it uses exports kplay does not simulate yet: then modpost refuses exactly those, with
 * kplay's note, and nothing else.
 */
class CurriculumBuildTest {
    static String source(String name) throws IOException {
        try (InputStream in = CurriculumBuildTest.class.getResourceAsStream("/kbuild/" + name)) {
            assertNotNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * A call, undeclared, to a function Linux 6.1's vmlinux exports but kplay's headers do not declare
     * (find_vpid, sysfs_create_link): gcc's own error, then kplay's note that names them, before make's
     * lines; a function Linux does not export (my_helper) gets gcc's error alone.
     */
    @org.junit.jupiter.api.Test
    void anUndeclaredLinuxExportIsKplaysGap() {
        String src = "#include <linux/module.h>\nMODULE_LICENSE(\"GPL\");\n"
            + "static int __init u_init(void)\n{\n\tfind_vpid(1);\n\tsysfs_create_link(0, 0, \"x\");\n\tmy_helper();\n\treturn 0;\n}\n"
            + "module_init(u_init);\n";
        BuildResult r = Kbuild.build(Map.of("u.c", src));
        java.util.List<String> lines = r.output().lines().toList();
        int note = lines.indexOf("kplay: note: Linux 6.1 exports \"find_vpid\" and \"sysfs_create_link\", but kplay's"
            + " headers do not declare them yet: if your #includes are right, kplay is behind, not your module");
        assertTrue(note > 0, r.output());
        assertTrue(lines.get(note - 1).equals("cc1: some warnings being treated as errors"), r.output());
        assertTrue(lines.get(note + 1).startsWith("make[1]: *** "), r.output());
        assertTrue(r.output().contains("error: implicit declaration of function ‘find_vpid’"), r.output());
        assertTrue(r.output().contains("error: implicit declaration of function ‘my_helper’"), r.output());
        assertEquals(1, lines.stream().filter(l -> l.startsWith("kplay:")).count(), r.output());
    }

    /**
     * A macro or static inline that Linux 6.1's headers define, reached from the module's #includes,
     * which kplay's headers lack (alloc_page from linux/gfp.h): gcc's error, then kplay's note; a name
     * 6.1 defines only in headers these includes do not reach (TRUE) gets gcc's error alone.
     */
    @org.junit.jupiter.api.Test
    void aLinuxHeaderNameKplayLacksIsKplaysGap() {
        String src = "#include <linux/module.h>\n#include <linux/gfp.h>\nMODULE_LICENSE(\"GPL\");\n"
            + "static int __init g_init(void)\n{\n\tstruct page *p = alloc_page(GFP_KERNEL);\n\treturn p ? TRUE : 0;\n}\n"
            + "module_init(g_init);\n";
        BuildResult r = Kbuild.build(Map.of("g.c", src));
        assertTrue(r.output().contains("error: implicit declaration of function ‘alloc_page’"), r.output());
        assertTrue(r.output().contains("error: ‘TRUE’ undeclared"), r.output());
        assertTrue(r.output().contains("kplay: note: in Linux 6.1 the headers this file includes define \"alloc_page\","
            + " but kplay's do not yet: kplay is behind, not your module\n"), r.output());
        assertTrue(!r.output().contains("\"TRUE\""), r.output());
    }

    /**
     * A missing #include <linux/fs.h>: struct file_operations is unknown. As gcc 12 said on the oracle:
     * the error at the struct's name, naming the variable; each designator a member it lacks; each value
     * in excess; the functions named there used; the storage size at the end of the file, with gcc's ’.
     * (gcc puts THIS_MODULE's excess warning in export.h with a macro note; kplay at the use: not yet.)
     */
    @org.junit.jupiter.api.Test
    void aStructOfAHeaderNotIncludedIsIncomplete() {
        String src = "#include <linux/module.h>\n\nstatic int dev_open(struct inode *inode, struct file *file)\n{\n"
            + "\treturn 0;\n}\n\nstatic struct file_operations fops = {\n\t.owner = THIS_MODULE,\n\t.open = dev_open,\n};\n"
            + "\nstatic int __init c6_init(void)\n{\n\treturn register_chrdev(0, \"c6\", &fops);\n}\n\n"
            + "module_init(c6_init);\nMODULE_LICENSE(\"GPL\");\n";
        String out = Kbuild.build(Map.of("c6.c", src)).output();
        assertTrue(out.contains("c6.c:8:15: error: variable ‘fops’ has initializer but incomplete type\n"
            + "    8 | static struct file_operations fops = {\n      |               ^~~~~~~~~~~~~~~\n"), out);
        assertTrue(out.contains("c6.c:9:10: error: ‘struct file_operations’ has no member named ‘owner’\n"), out);
        assertTrue(out.contains("c6.c:10:17: warning: excess elements in struct initializer\n"), out);
        assertTrue(out.contains("c6.c:10:17: note: (near initialization for ‘fops’)\n"), out);
        assertTrue(out.contains("c6.c: At top level:\nc6.c:8:31: error: storage size of ‘fops’ isn’t known\n"), out);
        assertTrue(!out.contains("‘dev_open’ defined but not used"), out);
    }

    /**
     * A nested function (GNU C) in an otherwise correct module: gcc compiles it, kplay does not, and
     * says so after everything else was checked; where the module has errors of its own (a missing
     * brace that puts module_init inside the init function), gcc's errors stand alone (missingbrace).
     */
    @org.junit.jupiter.api.Test
    void aNestedFunctionIsRefusedWhenNothingElseIsWrong() {
        String src = "#include <linux/module.h>\nMODULE_LICENSE(\"GPL\");\n"
            + "static int __init n_init(void)\n{\n\tint twice(int x) { return 2 * x; }\n\treturn twice(0);\n}\n"
            + "module_init(n_init);\n";
        BuildResult r = Kbuild.build(Map.of("n.c", src));
        assertTrue(!r.ok(), r.output());
        assertTrue(r.output().contains("n.c: In function ‘n_init’:\nn.c:5:26: error: nested functions are not supported\n"),
            r.output());
        assertTrue(r.output().contains("kplay: note: nested functions are a GNU C extension gcc compiles; kplay does not"
            + " compile them yet"), r.output());
    }

    @ParameterizedTest
    @ValueSource(strings = {"kthread-timer", "workqueue-tasklet", "procfs-seq", "params-misc", "chardev-cdev",
        "misc-api"})
    void buildsCleanly(String name) throws IOException {
        BuildResult r = Kbuild.build(Map.of(name + ".c", source(name + ".c")));
        if (!r.ok()) {
            java.util.List<String> lines = r.output().lines().toList();
            int from = lines.indexOf("  MODPOST Module.symvers");
            assertTrue(from == 2, r.output());
            int i = from + 1;
            for (; lines.get(i).startsWith("ERROR: modpost: \""); i++) {
                String sym = lines.get(i).substring(17, lines.get(i).indexOf('"', 17));
                assertTrue(SymbolTable.unmodelled().containsKey(sym), lines.get(i));
            }
            assertTrue(i > from + 1 && lines.get(i).startsWith("kplay: note: Linux 6.1 exports "), r.output());
            assertTrue(lines.get(i + 1).startsWith("make[1]: *** "), r.output());
            return;
        }
        String expected = "make: Entering directory '/usr/src/linux-headers-6.1.0-56-amd64'\n"
            + "  CC [M]  " + name + ".o\n"
            + "  MODPOST Module.symvers\n"
            + "  CC [M]  " + name + ".mod.o\n"
            + "  LD [M]  " + name + ".ko\n"
            + "  BTF [M] " + name + ".ko\n"
            + "Skipping BTF generation for " + name + ".ko due to unavailability of vmlinux\n"
            + "make: Leaving directory '/usr/src/linux-headers-6.1.0-56-amd64'\n";
        assertEquals(expected, r.output());
        ModuleImage ko = r.artifacts().get(name + ".ko");
        assertNotNull(ko.initFunction());
        assertNotNull(ko.exitFunction());
    }

    @ParameterizedTest
    @ValueSource(strings = {"params-misc"})
    void parametersLandInTheObjectsParamSection(String name) throws IOException {
        ModuleImage ko = Kbuild.compile(name + ".c", name, Map.of(name + ".c", source(name + ".c")),
            new dev.kplay.cc.diag.Diagnostics(Kbuild.WERROR)).image();
        Section param = ko.sections().stream().filter(s -> s.name().equals("__param")).findFirst().orElseThrow();
        assertEquals(8 * 40, param.size());
        assertTrue(Linker.modinfo(ko).stream().anyMatch(t -> t.getKey().equals("parmtype")
            && t.getValue().equals("myintarray:array of int")), ko.modinfo().toString());
        assertTrue(Linker.modinfo(ko).stream().anyMatch(t -> t.getKey().equals("parmtype")
            && t.getValue().equals("mybuf:string")), ko.modinfo().toString());
        assertTrue(Linker.modinfo(ko).stream().anyMatch(t -> t.getKey().equals("parm")
            && t.getValue().equals("myshort:A short integer")), ko.modinfo().toString());
    }
}
