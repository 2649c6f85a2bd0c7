package dev.kplay.kernel;

import dev.kplay.vm.Op;
import dev.kplay.ko.Relocation;
import dev.kplay.ko.Section;
import dev.kplay.ko.Symbol;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import static dev.kplay.kernel.Images.i;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Module parameters from the __param section, their sysfs files, and a proc_create() file. */
class ParamsAndProcTest extends KernelTestSupport {

    /** The params.c case: int count=1 (0644), charp name="world" (0444), int values[4] with nvalues (0444). */
    static Images params() {
        Images m = new Images("params");
        ByteBuffer data = ByteBuffer.allocate(72).order(ByteOrder.LITTLE_ENDIAN);
        data.putInt(0, 1);                       // count
        data.putInt(40, 4).putInt(44, 4);        // kparam_array: max, elemsize
        m.sections.add(new Section(".data", 72, 8, data.array()));
        int count = sym(m, "count", ".data", 0);
        int name = sym(m, "name", ".data", 8);
        int values = sym(m, "values", ".data", 16);
        int nvalues = sym(m, "nvalues", ".data", 32);
        int arr = sym(m, "__param_arr_values", ".data", 40);
        int world = m.string("world");
        m.relocs.add(new Relocation(".data", 8, world, 0));
        int opsInt = m.extern("param_ops_int");
        int opsCharp = m.extern("param_ops_charp");
        int opsArray = m.extern("param_array_ops");
        m.relocs.add(new Relocation(".data", 40 + 8, nvalues, 0));
        m.relocs.add(new Relocation(".data", 40 + 16, opsInt, 0));
        m.relocs.add(new Relocation(".data", 40 + 24, values, 0));
        ByteBuffer param = ByteBuffer.allocate(120).order(ByteOrder.LITTLE_ENDIAN);
        Object[][] ps = {{"count", opsInt, 0644, count}, {"name", opsCharp, 0444, name}, {"values", opsArray, 0444, arr}};
        for (int k = 0; k < 3; k++) {
            int base = 40 * k;
            param.putShort(base + 24, (short) (int) (Integer) ps[k][2]);
            m.relocs.add(new Relocation("__param", base, m.string((String) ps[k][0]), 0));
            m.relocs.add(new Relocation("__param", base + 16, (Integer) ps[k][1], 0));
            m.relocs.add(new Relocation("__param", base + 32, (Integer) ps[k][3], 0));
        }
        m.sections.add(new Section("__param", 120, 8, param.array()));
        int fmt = m.string("\0016params: hello %s (%d of %d), %d value(s)\n");
        int printk = m.extern("_printk");
        m.function("params_init", ".init.text", i(Op.SYM, fmt), i(Op.SYM, name), i(Op.LD8), i(Op.CONST, 1),
                i(Op.SYM, count), i(Op.LD4S), i(Op.SYM, nvalues), i(Op.LD4S), i(Op.CALL, printk, 5), i(Op.DROP),
                i(Op.CONST, 0), i(Op.RET));
        m.function("params_exit", ".exit.text", i(Op.CONST, 0), i(Op.RET));
        m.init = "params_init";
        m.exit = "params_exit";
        return m;
    }

    static int sym(Images m, String name, String section, int off) {
        m.symbols.add(new Symbol(name, section, off, 8, Symbol.Kind.OBJECT, false));
        return m.symbols.size() - 1;
    }

    @Test
    void parametersAreParsedAndShownInSysfs() {
        writeFile("/root/params.ko", params().ko());
        assertEquals(0, insmod("/root/params.ko", "count=3 name=abc values=4,5,6", null));
        assertTrue(texts().contains("params: hello abc (1 of 3), 3 value(s)"), String.join("\n", texts()));
        // getdents() on sysfs: kernfs's order (by kernfs_name_hash()), not the alphabet
        assertEquals(List.of("count", "values", "name"), k.listDir(1, "/sys/module/params/parameters"));
        assertEquals("3\n", cat("/sys/module/params/parameters/count"));
        assertEquals("abc\n", cat("/sys/module/params/parameters/name"));
        assertEquals("4,5,6\n", cat("/sys/module/params/parameters/values"));
        assertEquals(0100644, k.stat(1, "/sys/module/params/parameters/count")[0]);
        assertEquals(4096, k.stat(1, "/sys/module/params/parameters/count")[1]);
        long fd = k.open(1, "/sys/module/params/parameters/count", 1, 0);
        assertEquals(2, k.write(1, (int) fd, "7\n".getBytes()));
        k.close(1, (int) fd);
        assertEquals("7\n", cat("/sys/module/params/parameters/count"));
        assertEquals(-13, k.open(1, "/sys/module/params/parameters/name", 1 | 01000 | 0100, 0644));
        assertEquals(0, rmmod("params", null));
    }

    @Test
    void badParameters() {
        writeFile("/root/params.ko", params().ko());
        assertEquals(-22, insmod("/root/params.ko", "count=abc", null));
        assertTrue(texts().contains("params: `abc' invalid for parameter `count'"));
        assertEquals(-22, insmod("/root/params.ko", "values=1,2,3,4,5", null));
        List<String> t = texts();
        assertEquals(List.of("values: can only take 4 arguments", "params: `1' invalid for parameter `values'"),
                t.subList(t.size() - 2, t.size()));
        assertEquals(0, insmod("/root/params.ko", "bogus=1", null));
        t = texts();
        assertEquals(List.of("params: unknown parameter 'bogus' ignored", "params: hello world (1 of 1), 0 value(s)"),
                t.subList(t.size() - 2, t.size()));
        assertEquals("1\nworld\n", cat("/sys/module/params/parameters/count") + cat("/sys/module/params/parameters/name"));
    }

    /** procfile.c: proc_create("procfile", 0444, NULL, &ops) with a proc_read using simple_read_from_buffer. */
    static Images procfile() {
        Images m = new Images("procfile");
        ByteBuffer ops = ByteBuffer.allocate(96).order(ByteOrder.LITTLE_ENDIAN);
        m.sections.add(new Section(".rodata", 96, 8, ops.array()));
        int procOps = sym(m, "procfile_ops", ".rodata", 0);
        m.sections.add(new Section(".bss", 16, 8, null));
        int entry = sym(m, "procfile_entry", ".bss", 0);
        int reads = sym(m, "procfile_reads", ".bss", 8);
        int name = m.string("procfile");
        int fmt = m.string("hello from /proc/%s, read #%d\n");
        int created = m.string("\0016procfile: /proc/%s created\n");
        int procCreate = m.extern("proc_create");
        int procRemove = m.extern("proc_remove");
        int scnprintf = m.extern("scnprintf");
        int srfb = m.extern("simple_read_from_buffer");
        int printk = m.extern("_printk");
        // read(file@0, ubuf@8, len@16, ppos@24); text[64]@32; n@96
        int read = m.function("procfile_read", ".text",
                i(Op.LOCAL, 24), i(Op.LD8), i(Op.LD8), i(Op.JNZ, 10),
                i(Op.SYM, reads), i(Op.SYM, reads), i(Op.LD4S), i(Op.CONST, 1), i(Op.ADD), i(Op.ST4),
                i(Op.LOCAL, 96), i(Op.LOCAL, 32), i(Op.CONST, 64), i(Op.SYM, fmt), i(Op.SYM, name), i(Op.SYM, reads),
                i(Op.LD4S), i(Op.CALL, scnprintf, 5), i(Op.ST4), i(Op.DROP),
                i(Op.LOCAL, 8), i(Op.LD8), i(Op.LOCAL, 16), i(Op.LD8), i(Op.LOCAL, 24), i(Op.LD8), i(Op.LOCAL, 32),
                i(Op.LOCAL, 96), i(Op.LD4S), i(Op.CALL, srfb, 5), i(Op.RET));
        m.relocs.add(new Relocation(".rodata", 16, read, 0));
        m.function("procfile_init", ".init.text", i(Op.SYM, entry), i(Op.SYM, name), i(Op.CONST, 0444), i(Op.CONST, 0),
                i(Op.SYM, procOps), i(Op.CALL, procCreate, 4), i(Op.ST8), i(Op.DROP),
                i(Op.SYM, created), i(Op.SYM, name), i(Op.CALL, printk, 2), i(Op.DROP), i(Op.CONST, 0), i(Op.RET));
        m.function("procfile_exit", ".exit.text", i(Op.SYM, entry), i(Op.LD8), i(Op.CALL, procRemove, 1), i(Op.DROP),
                i(Op.CONST, 0), i(Op.RET));
        m.init = "procfile_init";
        m.exit = "procfile_exit";
        return m;
    }

    @Test
    void procCreateFileIsReadThroughModuleCode() {
        Images m = procfile();
        var f = m.functions.get(0);
        m.functions.set(0, new dev.kplay.ko.Function(f.name(), f.section(), f.offset(), f.size(), f.global(), f.variadic(),
                List.of(new dev.kplay.ko.Function.Param(0, 8), new dev.kplay.ko.Function.Param(8, 8),
                        new dev.kplay.ko.Function.Param(16, 8), new dev.kplay.ko.Function.Param(24, 8)),
                112, f.code(), f.pcOffsets(), f.lines()));
        writeFile("/root/procfile.ko", m.ko());
        assertEquals(0, insmod("/root/procfile.ko", "", null));
        assertEquals(0100444, k.stat(1, "/proc/procfile")[0]);
        assertEquals(0, k.stat(1, "/proc/procfile")[1]);
        assertEquals("hello from /proc/procfile, read #1\n", cat("/proc/procfile"));
        assertEquals("hello from /proc/procfile, read #2\n", cat("/proc/procfile"));
        long fd = k.open(1, "/proc/procfile", 1, 0);
        assertEquals(-5, k.write(1, (int) fd, "hi\n".getBytes()));
        k.close(1, (int) fd);
        assertEquals(0, rmmod("procfile", null));
        assertNull(k.stat(1, "/proc/procfile"));
    }
}
