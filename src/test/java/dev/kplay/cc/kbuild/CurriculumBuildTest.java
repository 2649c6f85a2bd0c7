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
 * each must build without a single diagnostic, as it does with gcc against the real headers.
 */
class CurriculumBuildTest {
    static String source(String name) throws IOException {
        try (InputStream in = CurriculumBuildTest.class.getResourceAsStream("/kbuild/" + name)) {
            assertNotNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"kthread-timer", "workqueue-tasklet", "procfs-seq", "params-misc", "chardev-cdev",
        "misc-api"})
    void buildsCleanly(String name) throws IOException {
        BuildResult r = Kbuild.build(Map.of(name + ".c", source(name + ".c")));
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
    void parametersLandInTheParamSection(String name) throws IOException {
        ModuleImage ko = Kbuild.build(Map.of(name + ".c", source(name + ".c"))).artifacts().get(name + ".ko");
        Section param = ko.sections().stream().filter(s -> s.name().equals("__param")).findFirst().orElseThrow();
        assertEquals(8 * 40, param.size());
        assertTrue(ko.modinfo().stream().anyMatch(t -> t.getKey().equals("parmtype")
            && t.getValue().equals("myintarray:array of int")), ko.modinfo().toString());
        assertTrue(ko.modinfo().stream().anyMatch(t -> t.getKey().equals("parmtype")
            && t.getValue().equals("mybuf:string")), ko.modinfo().toString());
        assertTrue(ko.modinfo().stream().anyMatch(t -> t.getKey().equals("parm")
            && t.getValue().equals("myshort:A short integer")), ko.modinfo().toString());
    }
}
