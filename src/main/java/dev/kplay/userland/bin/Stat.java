package dev.kplay.userland.bin;

import dev.kplay.userland.Proc;
import java.util.List;

/*
 * coreutils stat -c FORMAT for the fields the kernel's stat gives kplay: %n name, %s size,
 * %F file type, %a and %A access rights, %h links, %u %g %U %G owner (root), %t %T a device's
 * major and minor in hex, %Y modification time in seconds. The default multi-line format also
 * shows the inode, device and three times, which kplay's stat does not carry: it says so rather
 * than print made-up values.
 */

/** stat -c FORMAT FILE... */
final class Stat {
    private Stat() {}

    static int run(Proc p) {
        String format = null;
        List<String> files = new java.util.ArrayList<>();
        List<String> args = p.args();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if ((a.equals("-c") || a.equals("--format")) && i + 1 < args.size()) {
                format = args.get(++i) + "\n";
            } else if (a.startsWith("--format=")) {
                format = a.substring(9) + "\n";
            } else if (a.startsWith("--printf=")) {
                format = Echo.unescape(a.substring(9), new String[1]);
            } else if (a.startsWith("-") && a.length() > 1) {
                p.eprint("stat: invalid option -- '" + a.charAt(1) + "'\nTry 'stat --help' for more information.\n");
                return 1;
            } else {
                files.add(a);
            }
        }
        if (files.isEmpty()) {
            p.eprint("stat: missing operand\nTry 'stat --help' for more information.\n");
            return 1;
        }
        if (format == null) {
            p.eprint("stat: kplay's stat prints only -c FORMAT (%n %s %F %a %A %h %u %g %U %G %t %T %Y):"
                    + " its kernel does not model inodes, devices or access times yet\n");
            return 1;
        }
        int status = 0;
        StringBuilder out = new StringBuilder();
        for (String f : files) {
            long[] st = p.sys().stat(p.pid(), p.path(f));
            if (st == null) {
                p.eprint("stat: cannot statx '" + f + "': No such file or directory\n");
                status = 1;
                continue;
            }
            out.append(render(format, f, st));
        }
        p.print(out.toString());
        return status;
    }

    private static String render(String format, String name, long[] st) {
        long mode = st[0];
        long rdev = st.length > 4 ? st[4] : 0;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 >= format.length()) {
                b.append(c);
                continue;
            }
            char d = format.charAt(++i);
            b.append(switch (d) {
                case 'n' -> name;
                case 's' -> String.valueOf(st[1]);
                case 'F' -> type(mode, st[1]);
                case 'a' -> Long.toOctalString(mode & 07777);
                case 'A' -> Ls.mode(mode);
                case 'h' -> String.valueOf(st[2]);
                case 'u', 'g' -> "0";
                case 'U', 'G' -> "root";
                case 't' -> Long.toHexString((rdev >> 8) & 0xfff);
                case 'T' -> Long.toHexString((rdev & 0xff) | ((rdev >> 12) & 0xfff00));
                case 'Y' -> String.valueOf(st[3]);
                case '%' -> "%";
                default -> "?";
            });
        }
        return b.toString();
    }

    private static String type(long mode, long size) {
        return switch ((int) (mode & Ls.S_IFMT)) {
            case Ls.S_IFDIR -> "directory";
            case Ls.S_IFCHR -> "character special file";
            case Ls.S_IFBLK -> "block special file";
            case 0010000 -> "fifo";
            case 0120000 -> "symbolic link";
            case 0140000 -> "socket";
            default -> size == 0 ? "regular empty file" : "regular file";
        };
    }
}
