package dev.kplay.kernel.exec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/*
 * The stock 6.1 syscall_64.tbl (the real file, a resource), read as scripts/syscalltbl.sh reads
 * it: number -> entry point of the common and 64 ABIs. The dispatcher asks the booted kernel's
 * table; this is the stock kernel's.
 */

/** Number -> entry point of the stock 6.1 table. */
public final class StockTable {
    private static volatile Map<Integer, String> table;

    private StockTable() {}

    /** The entry point of x86-64 syscall nr ("sys_write"), or null (sys_ni_syscall: -ENOSYS). */
    public static String entryPoint(int nr) {
        Map<Integer, String> t = table;
        if (t == null) {
            t = load();
            table = t;
        }
        return t.get(nr);
    }

    private static Map<Integer, String> load() {
        try (InputStream in = StockTable.class.getResourceAsStream("/linux/arch/x86/entry/syscalls/syscall_64.tbl")) {
            Map<Integer, String> m = new HashMap<>();
            for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] f = l.trim().split("\\s+");
                if (f.length >= 4 && f[0].matches("\\d+") && (f[1].equals("common") || f[1].equals("64"))
                        && !f[3].equals("sys_ni_syscall")) {
                    m.put(Integer.parseInt(f[0]), f[3]);
                }
            }
            return m;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read syscall_64.tbl", e);
        }
    }
}
