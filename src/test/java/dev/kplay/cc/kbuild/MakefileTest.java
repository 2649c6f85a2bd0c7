package dev.kplay.cc.kbuild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kplay.ko.ModuleImage;
import dev.kplay.ko.Symbol;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** obj-m and m-objs from a Makefile: LKMPG's startstop module spans start.c and stop.c. */
class MakefileTest {
    static Map<String, String> startstop() throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        for (String f : List.of("Makefile", "start.c", "stop.c", "hello-1.c")) {
            files.put(f, CurriculumBuildTest.source("startstop/" + f));
        }
        return files;
    }

    @Test
    void parsesObjM() {
        Makefile m = Makefile.parse("obj-m += hello-1.o\nobj-m += startstop.o\nstartstop-objs := start.o \\\n stop.o\n"
            + "all:\n\tmake -C x M=$(PWD) modules\n# obj-m += ignored.o\n");
        assertEquals(List.of(new Makefile.Module("hello-1", List.of("hello-1")),
            new Makefile.Module("startstop", List.of("start", "stop"))), m.modules());
    }

    @Test
    void withoutMakefileEveryCFileIsAModule() {
        Makefile m = Makefile.of(Map.of("b.c", "", "a.c", "", "a.h", ""));
        assertEquals(List.of(new Makefile.Module("a", List.of("a")), new Makefile.Module("b", List.of("b"))),
            m.modules());
    }

    @Test
    void buildsAModuleOfTwoFiles() throws IOException {
        BuildResult r = Kbuild.build(startstop());
        assertEquals("make: Entering directory '/usr/src/linux-headers-6.1.0-56-amd64'\n"
            + "  CC [M]  hello-1.o\n"
            + "  CC [M]  start.o\n"
            + "  CC [M]  stop.o\n"
            + "  LD [M]  startstop.o\n"
            + "  MODPOST Module.symvers\n"
            + "  CC [M]  hello-1.mod.o\n"
            + "  LD [M]  hello-1.ko\n"
            + "  BTF [M] hello-1.ko\n"
            + "Skipping BTF generation for hello-1.ko due to unavailability of vmlinux\n"
            + "  CC [M]  startstop.mod.o\n"
            + "  LD [M]  startstop.ko\n"
            + "  BTF [M] startstop.ko\n"
            + "Skipping BTF generation for startstop.ko due to unavailability of vmlinux\n"
            + "make: Leaving directory '/usr/src/linux-headers-6.1.0-56-amd64'\n", r.output());
        ModuleImage ko = r.artifacts().get("startstop.ko");
        assertEquals("startstop", ko.name());
        assertEquals("init_module", ko.initFunction());
        assertEquals("cleanup_module", ko.exitFunction());
        Symbol init = ko.symbols().stream().filter(s -> s.name().equals("init_module")).findFirst().orElseThrow();
        Symbol exit = ko.symbols().stream().filter(s -> s.name().equals("cleanup_module")).findFirst().orElseThrow();
        assertEquals(".text", init.section());
        assertTrue(exit.offset() > init.offset(), "stop.o's text follows start.o's");
        assertEquals(1, ko.symbols().stream().filter(s -> s.name().equals("_printk")).count());
        assertEquals(2, ko.modinfo().stream().filter(t -> t.getKey().equals("license")).count());
    }

    @Test
    void aMissingObjectStopsMake() {
        BuildResult r = Kbuild.build(Map.of("Makefile", "obj-m := two.o\ntwo-objs := a.o b.o\n", "a.c", "int a;\n"));
        assertFalse(r.ok());
        assertTrue(r.output().contains("make[2]: *** No rule to make target 'b.o', needed by 'two.o'.  Stop.\n"),
            r.output());
    }
}
