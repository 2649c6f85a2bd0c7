package dev.kplay.userland.bin;

import dev.kplay.userland.Errno;
import dev.kplay.userland.Paths;
import dev.kplay.userland.Proc;
import dev.kplay.ko.KoFile;
import dev.kplay.ko.ModuleImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/*
 * kmod 30's modinfo on a .ko file. The tags come out in the order they sit in the file's .modinfo
 * section: gcc places a file's MODULE_* tags in reverse source order, and modpost's generated
 * tags follow in their fixed order (srcversion, depends, retpoline, name, vermagic), whatever
 * order the image lists them in. parm/parmtype pairs are gathered
 * per parameter (add_param() prepends, so they come out in source order) and printed last as
 * "parm:           name:description (type)".
 */

/** modinfo [-F field] [-p] [-a] [-d] [-l] [-n] [-0] FILE... */
final class Modinfo {
    private Modinfo() {}

    /** modpost's tags, in the order they sit in a real .ko's .modinfo (after the module's own). */
    private static final List<String> GENERATED_ORDER = List.of("srcversion", "depends", "retpoline", "intree", "name",
            "vermagic");
    private static final Set<String> GENERATED = Set.copyOf(GENERATED_ORDER);

    static int run(Proc p) {
        String field = null;
        char sep = '\n';
        List<String> files = new ArrayList<>();
        List<String> args = p.args();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "-F", "--field" -> {
                    if (i + 1 >= args.size()) {
                        p.eprint("modinfo: option requires an argument -- 'F'\n");
                        return 1;
                    }
                    field = args.get(++i);
                }
                case "-p", "--parameters" -> field = "parm";
                case "-a", "--author" -> field = "author";
                case "-d", "--description" -> field = "description";
                case "-l", "--license" -> field = "license";
                case "-n", "--filename" -> field = "filename";
                case "-0", "--null" -> sep = '\0';
                default -> {
                    if (a.startsWith("-F")) {
                        field = a.substring(2);
                    } else if (a.startsWith("-") && a.length() > 1) {
                        p.eprint("modinfo: ERROR: unexpected getopt_long() value '" + a.charAt(1) + "'.\n");
                        return 1;
                    } else {
                        files.add(a);
                    }
                }
            }
        }
        if (files.isEmpty()) {
            p.eprint("modinfo: ERROR: missing module or filename.\n");
            return 1;
        }
        int failures = 0;
        for (String f : files) {
            failures += modinfo(p, f, field, sep) ? 0 : 1;
        }
        return failures == 0 ? 0 : 1;
    }

    private static boolean modinfo(Proc p, String arg, String field, char sep) {
        String abs = p.path(arg);
        long[] st = p.sys().stat(p.pid(), abs);
        if (st == null || (st[0] & 0170000) != 0100000 || !arg.endsWith(".ko")) {
            p.eprint("modinfo: ERROR: Module " + arg + " not found.\n");
            return false;
        }
        ModuleImage image;
        try {
            image = KoFile.decode(p.readFile(abs));
        } catch (Proc.FileError e) {
            p.eprint("modinfo: ERROR: could not get modinfo from '" + LoadedModules.normalize(Paths.baseName(arg))
                    + "': " + Errno.strerror(e.errno) + "\n");
            return false;
        } catch (RuntimeException e) {
            p.eprint("modinfo: ERROR: could not get modinfo from '" + LoadedModules.normalize(Paths.baseName(arg))
                    + "': Invalid argument\n");
            return false;
        }
        StringBuilder b = new StringBuilder();
        if (field == null || field.equals("filename")) {
            b.append(field == null ? String.format("%-16s", "filename:") : "").append(abs).append(sep);
            if (field != null) {
                p.print(b.toString());
                return true;
            }
        }
        List<String[]> params = new ArrayList<>();
        for (Map.Entry<String, String> e : fileOrder(image.modinfo())) {
            String key = e.getKey();
            String value = e.getValue();
            if (field != null && !field.equals("parm")) {
                if (field.equals(key)) {
                    b.append(value).append(sep);
                }
                continue;
            }
            if (key.equals("parm") || key.equals("parmtype")) {
                addParam(params, key, value);
                continue;
            }
            if (field != null) {
                continue;
            }
            if (sep == '\0') {
                b.append(key).append('=').append(value).append(sep);
                continue;
            }
            b.append(key).append(':').append(" ".repeat(Math.max(0, 15 - key.length()))).append(value).append(sep);
        }
        if (field == null || field.equals("parm")) {
            for (String[] prm : params) {
                String text = prm[1] == null && field == null ? prm[0] + ":" + prm[2]
                        : prm[0] + ":" + (prm[1] == null ? "" : prm[1]) + (prm[2] != null ? " (" + prm[2] + ")" : "");
                b.append(field == null ? String.format("%-16s", "parm:") : "").append(text).append(sep);
            }
        }
        p.print(b.toString());
        return true;
    }

    /** The .modinfo entries in file order: the module's own tags reversed, then modpost's. */
    static List<Map.Entry<String, String>> fileOrder(List<Map.Entry<String, String>> sourceOrder) {
        List<Map.Entry<String, String>> own = new ArrayList<>();
        List<Map.Entry<String, String>> generated = new ArrayList<>();
        for (Map.Entry<String, String> e : sourceOrder) {
            (GENERATED.contains(e.getKey()) ? generated : own).add(e);
        }
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (int i = own.size() - 1; i >= 0; i--) {
            out.add(own.get(i));
        }
        for (String key : GENERATED_ORDER) {
            for (Map.Entry<String, String> e : generated) {
                if (e.getKey().equals(key)) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    /** Models add_param(): one {name, description, type} per parameter, new names prepended. */
    private static void addParam(List<String[]> params, String key, String value) {
        int colon = value.indexOf(':');
        if (colon < 0) {
            return;
        }
        String name = value.substring(0, colon);
        String rest = value.substring(colon + 1);
        String[] prm = null;
        for (String[] x : params) {
            if (x[0].equals(name)) {
                prm = x;
            }
        }
        if (prm == null) {
            prm = new String[] {name, null, null};
            params.add(0, prm);
        }
        prm[key.equals("parm") ? 1 : 2] = rest;
    }
}
