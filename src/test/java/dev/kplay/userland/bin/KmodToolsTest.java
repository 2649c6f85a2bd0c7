package dev.kplay.userland.bin;

import dev.kplay.userland.FakeSyscalls;
import dev.kplay.userland.sh.Shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kplay.ko.KoFile;
import dev.kplay.ko.ModuleImage;
import java.util.AbstractMap.SimpleEntry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * kmod 30's messages and layouts (insmod, rmmod, lsmod, modinfo) against what the oracle printed
 * (expected/twice.out, init-enomem.out, hello-3-state.out, hello-levels.out, params.out).
 */
class KmodToolsTest {
    FakeSyscalls sys;
    Shell sh;

    @BeforeEach
    void setUp() {
        sys = new FakeSyscalls();
        sh = new Shell(sys, n -> true, Map.of());
        sys.put("/root/twice.ko", "\u007fELF");
    }

    Shell.Result run(String line) {
        return sh.run(line);
    }

    @Test
    void insmodErrorsUseModStrerror() {
        sys.finitResult = -17;
        Shell.Result r = run("insmod twice.ko");
        assertEquals("insmod: ERROR: could not insert module twice.ko: File exists\n", r.output());
        assertEquals(1, r.exitCode());
        sys.finitResult = -12;
        assertEquals("insmod: ERROR: could not insert module /root/twice.ko: Cannot allocate memory\n",
                run("insmod /root/twice.ko").output());
        sys.finitResult = -8;
        assertEquals("insmod: ERROR: could not insert module twice.ko: Invalid module format\n", run("insmod twice.ko").output());
        sys.finitResult = -2;
        assertEquals("insmod: ERROR: could not insert module twice.ko: Unknown symbol in module\n", run("insmod twice.ko").output());
        sys.finitResult = -22;
        assertEquals("insmod: ERROR: could not insert module twice.ko: Invalid parameters\n", run("insmod twice.ko").output());
        sys.finitResult = -16;
        assertEquals("insmod: ERROR: could not insert module twice.ko: Device or resource busy\n", run("insmod twice.ko").output());
    }

    @Test
    void insmodOfAMissingFile() {
        Shell.Result r = run("insmod /nonexistent.ko");
        assertEquals("insmod: ERROR: could not load module /nonexistent.ko: No such file or directory\n", r.output());
        assertEquals(1, r.exitCode());
        assertEquals("insmod: ERROR: missing filename.\n", run("insmod").output());
    }

    @Test
    void insmodPassesParamsJoined() {
        assertEquals(0, run("insmod twice.ko count=3 name=abc values=4,5,6").exitCode());
        assertTrue(sys.calls.contains("finit count=3 name=abc values=4,5,6"), sys.calls.toString());
        assertTrue(sys.calls.contains("spawn insmod"));
    }

    @Test
    void rmmodOfAModuleNotLoaded() {
        Shell.Result r = run("rmmod twice");
        assertEquals("rmmod: ERROR: Module twice is not currently loaded\n", r.output());
        assertEquals(1, r.exitCode());
        assertEquals("rmmod: ERROR: missing module name.\n", run("rmmod").output());
    }

    @Test
    void rmmodOfAModuleAtRefcountMinusOneSaysInUse() {
        sys.put("/proc/modules", "hello_3 16384 -1 - Unloading 0xffffffffc0305000 (OE-)\n");
        Shell.Result r = run("rmmod hello_3");
        assertEquals("rmmod: ERROR: Module hello_3 is in use\n", r.output());
        assertEquals(1, r.exitCode());
        assertEquals("rmmod: ERROR: Module hello_3 is in use\n", run("rmmod -v hello_3").output());
    }

    @Test
    void rmmodForceReportsTheKernelsError() {
        sys.put("/proc/modules", "hello_3 16384 -1 - Unloading 0xffffffffc0305000 (OE-)\n");
        sys.deleteResult = -16;
        Shell.Result r = run("rmmod -f hello_3");
        assertEquals("rmmod: ERROR: ../libkmod/libkmod-module.c:856 kmod_module_remove_module() could not remove 'hello_3': Device or resource busy\n"
                + "rmmod: ERROR: could not remove module hello_3: Device or resource busy\n", r.output());
        assertTrue(sys.calls.contains("delete hello_3 5000"), sys.calls.toString());
        assertEquals("rmmod: can't unload module 'hello_3': Device or resource busy\n", run("busybox rmmod hello_3").output());
    }

    @Test
    void rmmodOfALiveModuleCallsDeleteModule() {
        sys.put("/proc/modules", "twice 16384 0 - Live 0xffffffffc0305000 (OE)\n");
        assertEquals(0, run("rmmod twice.ko").exitCode());
        assertTrue(sys.calls.contains("delete twice 4000"), sys.calls.toString());
    }

    @Test
    void lsmodColumns() {
        sys.put("/proc/modules", "hello_levels 20480 0 - Live 0xffffffffc0470000 (OE)\n"
                + "nullderef 28672 1 - Loading 0xffffffffc03c3000 (OE+)\n"
                + "base 16384 1 user, - Live 0xffffffffc0300000 (OE)\n");
        sys.files.put("/sys/module/nullderef", null);
        sys.put("/sys/module/nullderef/coresize", "16384\n");
        assertEquals("Module                  Size  Used by\n"
                + "hello_levels           20480  0\n"
                + "nullderef              16384  1\n"
                + "base                   16384  1 user\n", run("lsmod").output());
    }

    /** An image whose .modinfo section holds {@code tags}, as a built .ko's does. */
    private static ModuleImage withTags(String name, String file, List<java.util.Map.Entry<String, String>> tags) {
        return new ModuleImage(name, file, List.of(ModuleImage.modinfoSection(tags)), List.of(), List.of(), List.of(),
                tags, null, null);
    }

    @Test
    void modinfoLayout() {
        ModuleImage image = withTags("hello_levels", "hello-levels.ko", List.of(new SimpleEntry<>("license", "GPL"), new SimpleEntry<>("author", "Oracle Test Cases"),
                        new SimpleEntry<>("description", "printk levels demo"), new SimpleEntry<>("version", "1.2"),
                        new SimpleEntry<>("srcversion", "8B4F9D757B964E6AFF64B4A"), new SimpleEntry<>("depends", ""),
                        new SimpleEntry<>("retpoline", "Y"), new SimpleEntry<>("name", "hello_levels"),
                        new SimpleEntry<>("vermagic", "6.1.0-56-amd64 SMP preempt mod_unload modversions ")));
        sys.files.put("/root/hello-levels.ko", KoFile.encode(image));
        assertEquals("filename:       /root/hello-levels.ko\n"
                + "version:        1.2\n"
                + "description:    printk levels demo\n"
                + "author:         Oracle Test Cases\n"
                + "license:        GPL\n"
                + "srcversion:     8B4F9D757B964E6AFF64B4A\n"
                + "depends:        \n"
                + "retpoline:      Y\n"
                + "name:           hello_levels\n"
                + "vermagic:       6.1.0-56-amd64 SMP preempt mod_unload modversions \n", run("modinfo hello-levels.ko").output());
        assertEquals("GPL\n", run("modinfo -F license hello-levels.ko").output());
        assertEquals("modinfo: ERROR: Module hello_x not found.\n", run("modinfo hello_x").output());
    }

    @Test
    void modinfoParameters() {
        ModuleImage image = withTags("params", "params.ko", List.of(new SimpleEntry<>("parmtype", "count:int"), new SimpleEntry<>("parm", "count:how many greetings to print"),
                        new SimpleEntry<>("parmtype", "name:charp"), new SimpleEntry<>("parm", "name:who to greet"),
                        new SimpleEntry<>("parmtype", "values:array of int"), new SimpleEntry<>("parm", "values:up to four integers"),
                        new SimpleEntry<>("parmtype", "nodesc:int"),
                        new SimpleEntry<>("license", "GPL"), new SimpleEntry<>("depends", ""), new SimpleEntry<>("retpoline", "Y"),
                        new SimpleEntry<>("name", "params"), new SimpleEntry<>("vermagic", "6.1.0-56-amd64 SMP preempt mod_unload modversions ")));
        sys.files.put("/params.ko", KoFile.encode(image));
        assertEquals("count:how many greetings to print (int)\n"
                + "name:who to greet (charp)\n"
                + "values:up to four integers (array of int)\n"
                + "nodesc: (int)\n", run("modinfo -p /params.ko").output());
        String full = run("modinfo /params.ko").output();
        assertTrue(full.startsWith("filename:       /params.ko\nlicense:        GPL\ndepends:        \n"), full);
        assertTrue(full.endsWith("parm:           count:how many greetings to print (int)\n"
                + "parm:           name:who to greet (charp)\n"
                + "parm:           values:up to four integers (array of int)\n"
                + "parm:           nodesc:int\n"), full);
        assertEquals("nodesc:int\nvalues:array of int\nname:charp\ncount:int\n", run("modinfo -F parmtype /params.ko").output());
    }
}
