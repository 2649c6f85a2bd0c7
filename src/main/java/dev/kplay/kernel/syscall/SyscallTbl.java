package dev.kplay.kernel.syscall;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/*
 * The booted kernel's system call table: arch/x86/entry/syscalls/syscall_64.tbl, parsed the way
 * 6.1's scripts/syscalltbl.sh reads it when it generates asm/syscalls_64.h for sys_call_table and
 * x64_sys_call(). The stock table is the real 6.1 file (a resource, byte for byte); a kernel built
 * from the session's ~/linux tree boots with the table of that tree. Keeping the parsed file rather
 * than a hard-coded list makes number -> entry point a property of the kernel that is booted, which
 * is what a patched table changes.
 */

/**
 * A parsed {@code syscall_64.tbl}. Lines are {@code <number> <abi> <name> [<entry point>]}; the
 * x86-64 table takes the {@code common} and {@code 64} ABIs (x32 lines go to the x32 table).
 */
public final class SyscallTbl {
    /** One line of the table. {@code entryPoint} is null when the line names none. */
    public record Entry(int nr, String abi, String name, String entryPoint, int line) { }

    /** Where the table sits in a kernel tree. */
    public static final String PATH = "arch/x86/entry/syscalls/syscall_64.tbl";
    private static final String RESOURCE = "/linux/" + PATH;
    /** syscalltbl.sh's {@code grep -E "^[0-9]+[[:space:]]+$abis"}: the lines it reads. */
    private static final Pattern NUMBERED = Pattern.compile("^[0-9]+[ \\t\\n\\x0B\\f\\r]+.*");
    private static final Set<String> ABIS_64 = Set.of("common", "64");
    private static volatile SyscallTbl stock;

    private final String text;
    private final List<Entry> entries;
    /** The x86-64 ABI's entries by number (the last line wins where a number repeats). */
    private final TreeMap<Integer, Entry> x64 = new TreeMap<>();
    /** The number on the last common/64 line in file order (syscallhdr.sh's {@code max}), or -1. */
    private int lastNr = -1;

    private SyscallTbl(String text, List<Entry> entries) {
        this.text = text;
        this.entries = List.copyOf(entries);
        for (Entry e : entries) {
            if (ABIS_64.contains(e.abi())) {
                x64.put(e.nr(), e);
                lastNr = e.nr();
            }
        }
    }

    /** The real 6.1 table, as the stock kernel was built from it. */
    public static SyscallTbl stock() {
        SyscallTbl s = stock;
        if (s == null) {
            try (InputStream in = SyscallTbl.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + RESOURCE);
                }
                s = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            stock = s;
        }
        return s;
    }

    /**
     * Reads a table as syscalltbl.sh does ({@code while read nr abi name native compat}): lines that
     * start with a number, whitespace-separated fields. Lines the script would skip (comments, blank
     * lines, lines without a leading number) are skipped here too. A number too large for an int is
     * skipped as well (the shell's arithmetic would fail on it at build time; the build reports that).
     */
    public static SyscallTbl parse(String text) {
        List<Entry> list = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            if (!NUMBERED.matcher(l).matches()) {
                continue;
            }
            String[] f = l.trim().split("[ \\t\\x0B\\f\\r]+");
            if (f.length < 3 || f[0].length() > 9) {
                continue;
            }
            list.add(new Entry(Integer.parseInt(f[0]), f[1], f[2], f.length > 3 ? f[3] : null, i + 1));
        }
        return new SyscallTbl(text, list);
    }

    /** The file's bytes, as read. */
    public String text() { return text; }

    /** Every numbered line, in file order, all ABIs. */
    public List<Entry> entries() { return entries; }

    /**
     * The entry point x86-64 syscall {@code nr} dispatches to ({@code "sys_write"} for 1), or null when
     * it goes to {@code sys_ni_syscall} (-ENOSYS): no common/64 line for the number, a line without an
     * entry point (uselib), sys_ni_syscall named outright (_sysctl), or a number past the table.
     */
    public String entryPoint(int nr) {
        Entry e = nr >= 0 && nr < nrSyscalls() ? x64.get(nr) : null;
        if (e == null || e.entryPoint() == null || e.entryPoint().equals("sys_ni_syscall")) {
            return null;
        }
        return e.entryPoint();
    }

    /**
     * arch/x86/include/generated/asm/syscalls_64.h as {@code scripts/syscalltbl.sh --abis common,64}
     * writes it: the common/64 lines sorted by number ({@code sort -n}: equal numbers in byte order of
     * the whole line), a {@code __SYSCALL(nr, sys_ni_syscall)} for every gap and for lines without
     * an entry point. A repeated number yields two {@code __SYSCALL} lines for it.
     */
    public String syscallsHeader() {
        List<String[]> lines = new ArrayList<>();
        for (Entry e : entries) {
            if (ABIS_64.contains(e.abi())) {
                lines.add(new String[] {String.valueOf(e.nr()), e.entryPoint(), rawLine(e)});
            }
        }
        lines.sort((a, b) -> {
            int c = Integer.compare(Integer.parseInt(a[0]), Integer.parseInt(b[0]));
            return c != 0 ? c : a[2].compareTo(b[2]);
        });
        StringBuilder out = new StringBuilder();
        int nxt = 0;
        for (String[] l : lines) {
            int nr = Integer.parseInt(l[0]);
            while (nxt < nr) {
                out.append("__SYSCALL(").append(nxt++).append(", sys_ni_syscall)\n");
            }
            out.append("__SYSCALL(").append(nr).append(", ").append(l[1] == null ? "sys_ni_syscall" : l[1]).append(")\n");
            nxt = nr + 1;
        }
        return out.toString();
    }

    private String rawLine(Entry e) {
        String[] lines = text.split("\n", -1);
        return lines[e.line() - 1];
    }

    /** The common/64 line for {@code nr}, or null. */
    public Entry entry(int nr) {
        return x64.get(nr);
    }

    /**
     * {@code __NR_syscalls} of asm/unistd_64.h as syscallhdr.sh computes it: the number on the last
     * common/64 line of the file, plus one. do_syscall_x64() sends numbers at or above it to ENOSYS.
     */
    public int nrSyscalls() {
        return lastNr + 1;
    }
}
