package dev.kplay.userland.bin;

import dev.kplay.userland.Errno;
import dev.kplay.userland.Proc;

/*
 * Small coreutils and procps programs, one method each, with GNU's messages: rm, touch, pidof,
 * tee, seq, basename, dirname.
 */

/** rm [-f] FILE..., touch FILE..., pidof NAME..., tee, seq, basename, dirname. */
final class Coreutils {
    private Coreutils() {}

    static int rm(Proc p) {
        boolean force = false;
        int status = 0;
        for (String a : p.args()) {
            if (a.matches("-[frRv]+")) {
                force |= a.contains("f");
                continue;
            }
            String abs = p.path(a);
            long[] st = p.sys().stat(p.pid(), abs);
            if (st == null) {
                if (!force) {
                    p.eprint("rm: cannot remove '" + a + "': No such file or directory\n");
                    status = 1;
                }
                continue;
            }
            if ((st[0] & Ls.S_IFMT) == Ls.S_IFDIR) {
                p.eprint("rm: cannot remove '" + a + "': Is a directory\n");
                status = 1;
                continue;
            }
            long r = p.sys().unlink(p.pid(), abs);
            if (r < 0) {
                p.eprint("rm: cannot remove '" + a + "': " + Errno.strerror((int) r) + "\n");
                status = 1;
            }
        }
        if (p.args().isEmpty()) {
            p.eprint("rm: missing operand\nTry 'rm --help' for more information.\n");
            return 1;
        }
        return status;
    }

    static int touch(Proc p) {
        if (p.args().isEmpty()) {
            p.eprint("touch: missing file operand\nTry 'touch --help' for more information.\n");
            return 1;
        }
        int status = 0;
        for (String a : p.args()) {
            long fd = p.sys().open(p.pid(), p.path(a), 01 | 0100, 0644);
            if (fd < 0) {
                p.eprint("touch: cannot touch '" + a + "': " + Errno.strerror((int) fd) + "\n");
                status = 1;
            } else {
                p.sys().close(p.pid(), (int) fd);
            }
        }
        return status;
    }

    /** pidof NAME...: the pids whose comm is NAME, newest first, on one line. */
    static int pidof(Proc p) {
        StringBuilder b = new StringBuilder();
        for (String name : p.args()) {
            var tasks = Ps.tasks(p);
            for (int i = tasks.size() - 1; i >= 0; i--) {
                Ps.Task t = tasks.get(i);
                if (t.comm().equals(name) && t.pid() != p.pid()) {
                    b.append(b.isEmpty() ? "" : " ").append(t.pid());
                }
            }
        }
        if (b.isEmpty()) {
            return 1;
        }
        p.print(b.append('\n').toString());
        return 0;
    }

    /** tee [-a] FILE...: stdin to stdout and to each FILE (appended with -a). */
    static int tee(Proc p) {
        boolean append = false;
        java.util.List<String> files = new java.util.ArrayList<>();
        for (String a : p.args()) {
            if (a.equals("-a") || a.equals("--append")) {
                append = true;
            } else if (a.equals("-i") || a.equals("-p")) {
                continue;
            } else {
                files.add(a);
            }
        }
        byte[] data = p.stdin();
        int status = 0;
        java.util.List<Integer> fds = new java.util.ArrayList<>();
        for (String f : files) {
            long fd = p.check(p.sys().open(p.pid(), p.path(f), 01 | 0100 | (append ? 02000 : 01000), 0644));
            if (fd < 0) {
                p.eprint("tee: " + f + ": " + Errno.strerror((int) fd) + "\n");
                status = 1;
            } else {
                fds.add((int) fd);
            }
        }
        p.write(data);
        for (int fd : fds) {
            p.check(p.sys().write(p.pid(), fd, data));
            p.sys().close(p.pid(), fd);
        }
        return status;
    }

    /** seq [-s SEP] [-w] [FIRST [INCREMENT]] LAST. */
    static int seq(Proc p) {
        String sep = "\n";
        boolean equalWidth = false;
        java.util.List<String> nums = new java.util.ArrayList<>();
        java.util.List<String> args = p.args();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-s") && i + 1 < args.size()) {
                sep = args.get(++i);
            } else if (a.startsWith("-s") && a.length() > 2) {
                sep = a.substring(2);
            } else if (a.equals("-w")) {
                equalWidth = true;
            } else {
                nums.add(a);
            }
        }
        if (nums.isEmpty()) {
            p.eprint("seq: missing operand\nTry 'seq --help' for more information.\n");
            return 1;
        }
        if (nums.size() > 3) {
            p.eprint("seq: extra operand '" + nums.get(3) + "'\nTry 'seq --help' for more information.\n");
            return 1;
        }
        java.math.BigDecimal[] v = new java.math.BigDecimal[nums.size()];
        int scale = 0;
        for (int i = 0; i < v.length; i++) {
            try {
                v[i] = new java.math.BigDecimal(nums.get(i));
            } catch (NumberFormatException e) {
                p.eprint("seq: invalid floating point argument: '" + nums.get(i) + "'\nTry 'seq --help' for more information.\n");
                return 1;
            }
            if (i < v.length - 1 || v.length == 1) {
                scale = Math.max(scale, Math.max(0, v[i].scale()));
            }
        }
        java.math.BigDecimal first = v.length > 1 ? v[0] : java.math.BigDecimal.ONE;
        java.math.BigDecimal step = v.length > 2 ? v[1] : java.math.BigDecimal.ONE;
        java.math.BigDecimal last = v[v.length - 1];
        if (step.signum() == 0) {
            p.eprint("seq: invalid Zero increment value: '" + nums.get(1) + "'\nTry 'seq --help' for more information.\n");
            return 1;
        }
        java.util.List<String> out = new java.util.ArrayList<>();
        for (java.math.BigDecimal x = first; step.signum() > 0 ? x.compareTo(last) <= 0 : x.compareTo(last) >= 0; x = x.add(step)) {
            out.add(x.setScale(scale, java.math.RoundingMode.HALF_EVEN).toPlainString());
            if (out.size() > 1_000_000) {
                break;
            }
        }
        if (equalWidth) {
            int w = out.stream().mapToInt(String::length).max().orElse(0);
            out.replaceAll(s -> s.startsWith("-") ? "-" + "0".repeat(w - s.length()) + s.substring(1) : "0".repeat(w - s.length()) + s);
        }
        if (!out.isEmpty()) {
            p.print(String.join(sep, out) + "\n");
        }
        return 0;
    }

    /** readlink FILE...: each symbolic link's target; nothing, and status 1, for a file that is not one. */
    static int readlink(Proc p) {
        int status = 0;
        if (p.args().isEmpty()) {
            p.eprint("readlink: missing operand\nTry 'readlink --help' for more information.\n");
            return 1;
        }
        for (String a : p.args()) {
            String target = p.sys().readlink(p.pid(), p.path(a));
            if (target == null) {
                status = 1;
            } else {
                p.print(target + "\n");
            }
        }
        return status;
    }

    /** basename NAME [SUFFIX]. */
    static int basename(Proc p) {
        if (p.args().isEmpty()) {
            p.eprint("basename: missing operand\nTry 'basename --help' for more information.\n");
            return 1;
        }
        String name = p.args().get(0);
        String base = name.replaceAll("/+$", "");
        if (base.isEmpty()) {
            p.print(name.isEmpty() ? "\n" : "/\n");
            return 0;
        }
        base = base.substring(base.lastIndexOf('/') + 1);
        if (p.args().size() > 1) {
            String suffix = p.args().get(1);
            if (base.endsWith(suffix) && !base.equals(suffix)) {
                base = base.substring(0, base.length() - suffix.length());
            }
        }
        p.print(base + "\n");
        return 0;
    }

    /** dirname NAME: NAME without its last component ("." if none). */
    static int dirname(Proc p) {
        if (p.args().isEmpty()) {
            p.eprint("dirname: missing operand\nTry 'dirname --help' for more information.\n");
            return 1;
        }
        StringBuilder out = new StringBuilder();
        for (String name : p.args()) {
            String d = name.replaceAll("/+$", "");
            int slash = d.lastIndexOf('/');
            if (name.startsWith("/") && (d.isEmpty() || d.indexOf('/') == slash && slash == 0)) {
                out.append("/\n");
                continue;
            }
            if (slash < 0) {
                out.append(".\n");
                continue;
            }
            out.append(d.substring(0, slash).replaceAll("/+$", "")).append('\n');
        }
        p.print(out.toString());
        return 0;
    }
}
