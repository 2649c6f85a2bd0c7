package dev.kplay.kernel.syscall;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.KernelConfig;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/*
 * The stock table against the header 6.1's own build generated from it: syscalls_64.h as shipped in
 * Debian's linux-headers-6.1.0-57-amd64 (arch/x86/include/generated/asm/), a test resource. Every
 * number of that header must map to the same entry point here, and regenerating the header from the
 * table must give the same bytes.
 */
class SyscallTblTest {
    static String resource(String path) throws Exception {
        try (InputStream in = SyscallTblTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void stockTableGeneratesDebiansSyscalls64Header() throws Exception {
        assertEquals(resource("/linux/syscalls_64.h"), SyscallTbl.stock().syscallsHeader());
    }

    @Test
    void everyNumberMapsAsTheGeneratedHeaderSays() throws Exception {
        Matcher m = Pattern.compile("__SYSCALL\\((\\d+), (\\w+)\\)").matcher(resource("/linux/syscalls_64.h"));
        SyscallTbl tbl = SyscallTbl.stock();
        int n = 0;
        while (m.find()) {
            String want = m.group(2).equals("sys_ni_syscall") ? null : m.group(2);
            assertEquals(want, tbl.entryPoint(Integer.parseInt(m.group(1))), "nr " + m.group(1));
            n++;
        }
        assertEquals(451, n);
        assertEquals(451, tbl.nrSyscalls());
    }

    @Test
    void knownEntriesAndHoles() {
        SyscallTbl tbl = SyscallTbl.stock();
        assertEquals("sys_write", tbl.entryPoint(1));
        assertEquals("sys_newuname", tbl.entryPoint(63));
        assertEquals("sys_pkey_mprotect", tbl.entryPoint(329));
        assertNull(tbl.entryPoint(134), "uselib has no entry point");
        assertNull(tbl.entryPoint(156), "_sysctl is sys_ni_syscall");
        assertNull(tbl.entryPoint(400), "387..423 are unused");
        assertNull(tbl.entryPoint(451), "first free number on 6.1");
        assertNull(tbl.entryPoint(512), "x32 lines are not the x86-64 ABI");
        assertNull(tbl.entryPoint(-1));
        assertEquals("x32", tbl.entries().stream().filter(e -> e.nr() == 512).findFirst().orElseThrow().abi());
    }

    @Test
    void patchedTableAddsAnEntry() {
        SyscallTbl tbl = SyscallTbl.parse(SyscallTbl.stock().text().replace(
                "450\tcommon\tset_mempolicy_home_node\tsys_set_mempolicy_home_node\n",
                "450\tcommon\tset_mempolicy_home_node\tsys_set_mempolicy_home_node\n451\tcommon\thello\t\t\tsys_hello\n"));
        assertEquals("sys_hello", tbl.entryPoint(451));
        assertEquals(452, tbl.nrSyscalls());
        assertEquals("sys_set_mempolicy_home_node", tbl.entryPoint(450));
    }

    @Test
    void theBootedKernelCarriesTheStockTable() {
        Kernel k = Kernel.boot(KernelConfig.defaults());
        try {
            assertSame(SyscallTbl.stock(), k.syscallTbl());
            assertEquals("sys_read", k.syscallTbl().entryPoint(0));
        } finally {
            k.release();
        }
    }
}
