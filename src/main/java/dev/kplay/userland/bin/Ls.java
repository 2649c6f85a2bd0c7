package dev.kplay.userland.bin;

import dev.kplay.userland.Paths;
import dev.kplay.userland.Proc;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/*
 * coreutils ls: names sorted as en_US.UTF-8 collates them (letters and digits first, case and
 * punctuation only breaking ties), in columns on a terminal (80 wide, filled down then across)
 * and one per line into a pipe; -l with GNU's aligned columns ("crw------- 1 root root 10, 124 ...").
 * Everything is owned by root: the simulated user space has no other users.
 */

/** ls [-l] [-a] [-A] [-1] [-d] [FILE...]. */
final class Ls {
    private Ls() {}

    static final int S_IFMT = 0170000, S_IFDIR = 0040000, S_IFCHR = 0020000, S_IFBLK = 0060000,
            S_IFREG = 0100000, S_IFLNK = 0120000, S_IFIFO = 0010000, S_IFSOCK = 0140000;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMM ppd HH:mm", Locale.US)
            .withZone(ZoneOffset.UTC);

    /** One entry to show: its name as listed and its stat. */
    /** A name to list, its stat, and for a symbolic link its target (readlink). */
    private record Entry(String name, long[] st, String link) {
        Entry(String name, long[] st) {
            this(name, st, null);
        }
    }

    static int run(Proc p) {
        boolean longFormat = false, all = false, almostAll = false, one = false, dirAsFile = false;
        List<String> operands = new ArrayList<>();
        for (String a : p.args()) {
            if (a.startsWith("-") && a.length() > 1) {
                for (char c : a.substring(1).toCharArray()) {
                    switch (c) {
                        case 'l' -> longFormat = true;
                        case 'a' -> all = true;
                        case 'A' -> almostAll = true;
                        case '1' -> one = true;
                        case 'd' -> dirAsFile = true;
                        case 'h', 'F', 'G', 'n', 'o' -> { }
                        default -> {
                            p.eprint("ls: invalid option -- '" + c + "'\nTry 'ls --help' for more information.\n");
                            return 2;
                        }
                    }
                }
            } else {
                operands.add(a);
            }
        }
        if (operands.isEmpty()) {
            operands.add(".");
        }
        int status = 0;
        List<Entry> files = new ArrayList<>();
        List<Entry> dirs = new ArrayList<>();
        for (String o : operands) {
            long[] st = p.sys().stat(p.pid(), p.path(o));
            if (st != null && (st[0] & S_IFMT) == S_IFLNK) {
                // a symbolic link named on the command line: -l shows the link; otherwise, or with a
                // trailing '/', ls follows it to a directory and lists that
                String target = p.sys().readlink(p.pid(), p.path(o));
                String dir = p.path(o).substring(0, Math.max(1, p.path(o).lastIndexOf('/')));
                long[] to = target == null ? null : p.sys().stat(p.pid(), Paths.resolve(dir, target));
                if (to != null && (to[0] & S_IFMT) == S_IFDIR && !dirAsFile && (!longFormat || o.endsWith("/"))) {
                    dirs.add(new Entry(o, to));
                } else {
                    files.add(new Entry(o, st, target));
                }
                continue;
            }
            if (st == null) {
                p.eprint("ls: cannot access '" + o + "': No such file or directory\n");
                status = 2;
            } else if ((st[0] & S_IFMT) == S_IFDIR && !dirAsFile) {
                dirs.add(new Entry(o, st));
            } else {
                files.add(new Entry(o, st));
            }
        }
        files.sort(Comparator.comparing(Entry::name, Ls::collate));
        dirs.sort(Comparator.comparing(Entry::name, Ls::collate));
        StringBuilder b = new StringBuilder();
        boolean tty = p.stdoutIsTty() && !one;
        if (!files.isEmpty()) {
            b.append(render(files, longFormat, tty, false, true));
        }
        boolean headers = operands.size() > 1;
        for (int i = 0; i < dirs.size(); i++) {
            Entry d = dirs.get(i);
            if (headers) {
                b.append(b.isEmpty() ? "" : "\n").append(d.name()).append(":\n");
            }
            String abs = p.path(d.name());
            List<String> names = p.sys().listDir(p.pid(), abs);
            if (names == null) {
                p.eprint("ls: cannot open directory '" + d.name() + "': Permission denied\n");
                status = 2;
                continue;
            }
            List<Entry> entries = new ArrayList<>();
            if (all) {
                entries.add(new Entry(".", d.st()));
                long[] parent = p.sys().stat(p.pid(), Paths.resolve(abs, ".."));
                entries.add(new Entry("..", parent != null ? parent : d.st()));
            }
            for (String n : names) {
                if (n.startsWith(".") && !all && !almostAll) {
                    continue;
                }
                String path = abs.equals("/") ? "/" + n : abs + "/" + n;
                long[] st = p.sys().stat(p.pid(), path);
                String link = st != null && (st[0] & S_IFMT) == S_IFLNK ? p.sys().readlink(p.pid(), path) : null;
                entries.add(new Entry(n, st != null ? st : new long[] {S_IFREG | 0644, 0, 1, 0}, link));
            }
            entries.sort(Comparator.comparing(Entry::name, Ls::collate));
            boolean pseudo = abs.startsWith("/proc") || abs.startsWith("/sys") || abs.startsWith("/dev");
            b.append(render(entries, longFormat, tty, true, !pseudo));
        }
        p.print(b.toString());
        return status;
    }

    /** {@code blocks}: whether files take disk blocks (for "total N"; pseudo file systems report 0). */
    private static String render(List<Entry> entries, boolean longFormat, boolean tty, boolean total, boolean blocks) {
        if (longFormat) {
            return renderLong(entries, total, blocks);
        }
        List<String> names = entries.stream().map(Entry::name).toList();
        return tty ? columns(names, 80) : names.isEmpty() ? "" : String.join("\n", names) + "\n";
    }

    private static String renderLong(List<Entry> entries, boolean total, boolean countBlocks) {
        int linkW = 1, sizeW = 1;
        long blocks = 0;
        List<String> sizes = new ArrayList<>();
        boolean anyDevice = false;
        for (Entry e : entries) {
            linkW = Math.max(linkW, String.valueOf(e.st()[2]).length());
            long type = e.st()[0] & S_IFMT;
            anyDevice |= type == S_IFCHR || type == S_IFBLK;
        }
        int majorW = 1, minorW = 1;
        for (Entry e : entries) {
            long type = e.st()[0] & S_IFMT;
            if ((type == S_IFCHR || type == S_IFBLK) && e.st().length > 4) {
                majorW = Math.max(majorW, String.valueOf(major(e.st()[4])).length());
                minorW = Math.max(minorW, String.valueOf(minor(e.st()[4])).length());
            }
        }
        for (Entry e : entries) {
            long type = e.st()[0] & S_IFMT;
            String s;
            if ((type == S_IFCHR || type == S_IFBLK) && e.st().length > 4) {
                s = String.format("%" + majorW + "d, %" + minorW + "d", major(e.st()[4]), minor(e.st()[4]));
            } else {
                s = String.valueOf(e.st()[1]);
            }
            sizes.add(s);
            sizeW = Math.max(sizeW, s.length());
            if (type == S_IFREG && countBlocks) {
                blocks += (e.st()[1] + 4095) / 4096 * 4;
            }
        }
        if (anyDevice) {
            sizeW = Math.max(sizeW, majorW + minorW + 2);
        }
        // owner and group: root by name (/etc/passwd and /etc/group know only root), any other id as a number
        int ownerW = 1, groupW = 1;
        for (Entry e : entries) {
            ownerW = Math.max(ownerW, idName(e.st(), 5).length());
            groupW = Math.max(groupW, idName(e.st(), 6).length());
        }
        StringBuilder b = new StringBuilder();
        if (total) {
            b.append("total ").append(blocks).append('\n');
        }
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            b.append(mode(e.st()[0])).append(' ')
                    .append(String.format("%" + linkW + "d", e.st()[2])).append(' ')
                    .append(String.format("%-" + ownerW + "s %-" + groupW + "s ", idName(e.st(), 5), idName(e.st(), 6)))
                    .append(String.format("%" + sizeW + "s", sizes.get(i))).append(' ')
                    .append(DATE.format(Instant.ofEpochSecond(e.st()[3]))).append(' ')
                    .append(e.name()).append(e.link() != null ? " -> " + e.link() : "").append('\n');
        }
        return b.toString();
    }

    /** The user (i = 5) or group (i = 6) of a stat result as ls shows it. */
    private static String idName(long[] st, int i) {
        long id = st.length > i ? st[i] : 0;
        return id == 0 ? "root" : Long.toString(id);
    }

    static long major(long dev) {
        return (dev >> 8) & 0xfff;
    }

    static long minor(long dev) {
        return (dev & 0xff) | ((dev >> 12) & 0xfff00);
    }

    /** "drwxr-xr-x" from st_mode. */
    static String mode(long m) {
        char t = switch ((int) (m & S_IFMT)) {
            case S_IFDIR -> 'd';
            case S_IFCHR -> 'c';
            case S_IFBLK -> 'b';
            case S_IFLNK -> 'l';
            case S_IFIFO -> 'p';
            case S_IFSOCK -> 's';
            default -> '-';
        };
        StringBuilder b = new StringBuilder().append(t);
        String rwx = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            b.append((m & (1L << (8 - i))) != 0 ? rwx.charAt(i) : '-');
        }
        return b.toString();
    }

    /** GNU ls's terminal layout: as many columns as fit in {@code width}, filled down then across. */
    static String columns(List<String> names, int width) {
        if (names.isEmpty()) {
            return "";
        }
        int n = names.size();
        for (int cols = n; cols >= 1; cols--) {
            int rows = (n + cols - 1) / cols;
            if ((cols - 1) * rows >= n) {
                continue;
            }
            int[] w = new int[cols];
            for (int i = 0; i < n; i++) {
                w[i / rows] = Math.max(w[i / rows], names.get(i).length());
            }
            int total = 0;
            for (int c = 0; c < cols; c++) {
                total += w[c] + (c < cols - 1 ? 2 : 0);
            }
            if (total <= width || cols == 1) {
                StringBuilder b = new StringBuilder();
                for (int r = 0; r < rows; r++) {
                    StringBuilder line = new StringBuilder();
                    for (int c = 0; c < cols; c++) {
                        int i = c * rows + r;
                        if (i >= n) {
                            continue;
                        }
                        String name = names.get(i);
                        line.append(name);
                        if (c < cols - 1 && (c + 1) * rows + r < n) {
                            line.append(" ".repeat(w[c] - name.length() + 2));
                        }
                    }
                    b.append(line).append('\n');
                }
                return b.toString();
            }
        }
        return String.join("\n", names) + "\n";
    }

    /** en_US.UTF-8-like collation: alphanumerics case-insensitively first, then the raw bytes. */
    static int collate(String a, String b) {
        int c = key(a).compareTo(key(b));
        if (c != 0) {
            return c;
        }
        c = a.compareToIgnoreCase(b);
        return c != 0 ? -c : a.compareTo(b);
    }

    private static String key(String s) {
        StringBuilder k = new StringBuilder();
        for (char ch : s.toCharArray()) {
            if (Character.isLetterOrDigit(ch)) {
                k.append(Character.toLowerCase(ch));
            }
        }
        return k.toString();
    }
}
