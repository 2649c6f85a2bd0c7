package dev.kplay.kernel.module;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.exports.ExportTable;
import dev.kplay.kernel.mm.AddressSpace;
import dev.kplay.kernel.syscall.Errno;

import java.util.ArrayList;
import java.util.List;

/*
 * kernel/params.c for modules: the __param section is an array of struct kernel_param (40 bytes
 * each, see KernelParam); parse_args() walks "name=value" words, finds the parameter (dashes and
 * underscores are equal), and calls its ops->set, which is one of the param_set_* below, chosen by
 * which exported param_ops_* object the ops pointer names. The same get/set serve
 * /sys/module/X/parameters/NAME. Messages are 6.1's: "unknown parameter 'y' ignored",
 * "`abc' invalid for parameter `count'", "values: can only take 4 arguments".
 */

/** Module parameters of one module. */
public final class ModuleParams {
    static final int ARR_MAX = 0, ARR_ELEMSIZE = 4, ARR_NUM = 8, ARR_OPS = 16, ARR_ELEM = 24;

    private final Kernel kernel;
    private final Module mod;
    private final AddressSpace mem;

    public ModuleParams(Kernel kernel, Module mod) {
        this.kernel = kernel;
        this.mod = mod;
        this.mem = kernel.memory();
    }

    /** Reads the module's __param section into mod.params. */
    void readParamSection() {
        Long base = mod.sectionAddrs.get("__param");
        if (base == null) {
            return;
        }
        long size = mod.image().sections().stream().filter(s -> s.name().equals("__param")).findFirst().get().size();
        for (long a = base; a + KernelParam.SIZE <= base + size; a += KernelParam.SIZE) {
            String name = mem.readCString(mem.load(a + KernelParam.NAME, 8), 256);
            long ops = mem.load(a + KernelParam.OPS, 8);
            String type = kernel.exports().containing(ops) == null && ops != 0 ? CUSTOM : opsType(ops);
            int perm = (int) mem.load(a + KernelParam.PERM, 2);
            mod.params.add(new KernelParam(name, a, type, perm, mem.load(a + KernelParam.ARG, 8)));
        }
    }

    private String opsType(long ops) {
        ExportTable.Export e = kernel.exports().containing(ops);
        if (e == null) {
            return "unknown";
        }
        if (e.name().equals("param_array_ops")) {
            return "array";
        }
        if (e.name().startsWith("param_ops_")) {
            return e.name().substring("param_ops_".length());
        }
        return "unknown";
    }

    /** The type of a parameter whose ops is no kernel param_ops_*: the module's own (module_param_cb). */
    static final String CUSTOM = "custom";

    /** kernel_param_ops offsets: @8 set, @16 get. */
    private static final int OPS_SET = 8, OPS_GET = 16;

    /** Models parse_args() with unknown_module_param_cb: 0 or a negative errno. */
    long parseArgs() {
        readParamSection();
        for (String[] kv : nextArgs(mod.args)) {
            String param = kv[0];
            String val = kv[1];
            KernelParam kp = find(param);
            if (kp == null) {
                kernel.printk().log(4, mod.name() + ": unknown parameter '" + param + "' ignored");
                continue;
            }
            String[] shown = {val};
            long ret = set(kp, val, shown);
            if (ret == 0) {
                continue;
            }
            if (ret == -Errno.ENOSPC) {
                kernel.printk().log(3, mod.name() + ": `" + nz(shown[0]) + "' too large for parameter `" + param + "'");
            } else {
                kernel.printk().log(3, mod.name() + ": `" + nz(shown[0]) + "' invalid for parameter `" + param + "'");
            }
            return ret;
        }
        return 0;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private KernelParam find(String name) {
        for (KernelParam kp : mod.params) {
            if (kp.name().replace('-', '_').equals(name.replace('-', '_'))) {
                return kp;
            }
        }
        return null;
    }

    /** Splits the argument string as next_arg() does (quotes allowed around values). */
    static List<String[]> nextArgs(String args) {
        List<String[]> out = new ArrayList<>();
        int i = 0;
        int n = args.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(args.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            StringBuilder word = new StringBuilder();
            boolean quoted = false;
            while (i < n && (quoted || !Character.isWhitespace(args.charAt(i)))) {
                char c = args.charAt(i++);
                if (c == '"') {
                    quoted = !quoted;
                } else {
                    word.append(c);
                }
            }
            String w = word.toString();
            int eq = w.indexOf('=');
            out.add(eq < 0 ? new String[] {w, null} : new String[] {w.substring(0, eq), w.substring(eq + 1)});
        }
        return out;
    }

    /** Models ops->set(val, kp): 0 or -errno. shown[0] is set to the text parse_args reports. */
    public long set(KernelParam kp, String val, String[] shown) {
        if (kp.type().equals(CUSTOM)) {
            return setCustom(kp, val);
        }
        if (kp.type().equals("array")) {
            return setArray(kp, val, shown);
        }
        return setScalar(kp.type(), kp.arg(), val, kp.name());
    }

    /** Models param_set_TYPE(val, kp) called by a module's own ops: the kernel_param at kp. */
    public long setForOps(String type, long kp, String val) {
        String name = mem.readCString(mem.load(kp + KernelParam.NAME, 8), 256);
        return setScalar(type, mem.load(kp + KernelParam.ARG, 8), val, name);
    }

    /** Models param_get_TYPE(buffer, kp): the text it writes (with its newline). */
    public String getForOps(String type, long kp) {
        return getScalar(type, mem.load(kp + KernelParam.ARG, 8)) + "\n";
    }

    private long setScalar(String type, long arg, String val, String name) {
        if (val == null && !type.equals("bool") && !type.equals("invbool")) {
            return -Errno.EINVAL;
        }
        switch (type) {
            case "bool", "invbool" -> {
                Boolean b = val == null ? Boolean.TRUE : strtobool(val);
                if (b == null) {
                    return -Errno.EINVAL;
                }
                mem.store(arg, 1, (b ^ type.equals("invbool")) ? 1 : 0);
                return 0;
            }
            case "charp" -> {
                if (val.length() > 1024) {
                    return -Errno.ENOSPC;
                }
                long p = kernel.slab().kmalloc(val.length() + 1);
                if (p == 0) {
                    return -Errno.ENOMEM;
                }
                mem.writeCString(p, val);
                mem.store(arg, 8, p);
                return 0;
            }
            case "string" -> {
                long maxlen = mem.load(arg, 4);
                if (val.length() + 1 > maxlen) {
                    kernel.printk().log(3, name + ": string doesn't fit in " + (maxlen - 1) + " chars.");
                    return -Errno.ENOSPC;
                }
                mem.writeCString(mem.load(arg + 8, 8), val);
                return 0;
            }
            default -> {
                Integer size = switch (type) {
                    case "byte" -> 1;
                    case "short", "ushort" -> 2;
                    case "int", "uint", "hexint" -> 4;
                    case "long", "ulong", "ullong" -> 8;
                    default -> null;
                };
                if (size == null) {
                    return -Errno.EINVAL;
                }
                boolean signed = type.equals("short") || type.equals("int") || type.equals("long");
                long[] out = new long[1];
                long r = Kstrto.parse(val, type.equals("hexint") ? 16 : 0, signed, size, out);
                if (r != 0) {
                    return r;
                }
                mem.store(arg, size, out[0]);
                return 0;
            }
        }
    }

    /** Models param_array(): comma-separated elements into the array, *num updated. */
    private long setArray(KernelParam kp, String val, String[] shown) {
        long arr = kp.arg();
        int max = (int) mem.load(arr + ARR_MAX, 4);
        int elemsize = (int) mem.load(arr + ARR_ELEMSIZE, 4);
        long numPtr = mem.load(arr + ARR_NUM, 8);
        String type = opsType(mem.load(arr + ARR_OPS, 8));
        long elem = mem.load(arr + ARR_ELEM, 8);
        if (val == null) {
            return -Errno.EINVAL;
        }
        String[] parts = val.split(",", -1);
        shown[0] = parts[0];
        int num = 0;
        for (String part : parts) {
            if (num == max) {
                kernel.printk().log(3, kp.name() + ": can only take " + max + " arguments");
                storeNum(numPtr, num);
                return -Errno.EINVAL;
            }
            long r = setScalar(type, elem + (long) num * elemsize, part, kp.name());
            if (r != 0) {
                storeNum(numPtr, num);
                return r;
            }
            num++;
        }
        storeNum(numPtr, num);
        return 0;
    }

    private void storeNum(long numPtr, int num) {
        if (numPtr != 0) {
            mem.store(numPtr, 4, num);
        }
    }

    private static Boolean strtobool(String s) {
        if (s.isEmpty()) {
            return null;
        }
        char c = s.charAt(0);
        if (c == 'y' || c == 'Y' || c == '1') {
            return true;
        }
        if (c == 'n' || c == 'N' || c == '0') {
            return false;
        }
        String l = s.toLowerCase();
        if (l.startsWith("on")) {
            return true;
        }
        if (l.startsWith("of")) {
            return false;
        }
        return null;
    }

    /** Models ops->get(): the sysfs text of a parameter (with its newline). */
    public String get(KernelParam kp) {
        if (kp.type().equals(CUSTOM)) {
            return getCustom(kp);
        }
        if (kp.type().equals("array")) {
            long arr = kp.arg();
            int elemsize = (int) mem.load(arr + ARR_ELEMSIZE, 4);
            long numPtr = mem.load(arr + ARR_NUM, 8);
            int max = (int) mem.load(arr + ARR_MAX, 4);
            int num = numPtr == 0 ? max : (int) mem.load(numPtr, 4);
            String type = opsType(mem.load(arr + ARR_OPS, 8));
            long elem = mem.load(arr + ARR_ELEM, 8);
            if (num == 0) {
                return "";
            }
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < num; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(getScalar(type, elem + (long) i * elemsize));
            }
            return sb + "\n";
        }
        return getScalar(kp.type(), kp.arg()) + "\n";
    }

    private String getScalar(String type, long arg) {
        return switch (type) {
            case "bool" -> mem.load(arg, 1) != 0 ? "Y" : "N";
            case "invbool" -> mem.load(arg, 1) != 0 ? "N" : "Y";
            case "charp" -> {
                long p = mem.load(arg, 8);
                yield p == 0 ? "(null)" : mem.readCString(p, 4096);
            }
            case "string" -> mem.readCString(mem.load(arg + 8, 8), 4096);
            case "byte" -> Long.toString(mem.load(arg, 1) & 0xff);
            case "short" -> Long.toString((short) mem.load(arg, 2));
            case "ushort" -> Long.toString(mem.load(arg, 2) & 0xffff);
            case "int" -> Long.toString((int) mem.load(arg, 4));
            case "uint" -> Long.toString(mem.load(arg, 4) & 0xffffffffL);
            case "hexint" -> String.format("0x%08x", mem.load(arg, 4) & 0xffffffffL);
            case "long" -> Long.toString(mem.load(arg, 8));
            default -> Long.toUnsignedString(mem.load(arg, 8));
        };
    }

    /** Calls the module's kernel_param_ops.set with a kernel copy of val (NULL for a bare flag). */
    private long setCustom(KernelParam kp, String val) {
        long fn = mem.load(mem.load(kp.address() + KernelParam.OPS, 8) + OPS_SET, 8);
        if (fn == 0) {
            return -Errno.EPERM;
        }
        long copy = 0;
        if (val != null) {
            copy = kernel.slab().kmalloc(val.length() + 1);
            if (copy == 0) {
                return -Errno.ENOMEM;
            }
            mem.writeCString(copy, val);
        }
        try {
            return (int) kernel.callModule(fn, copy, kp.address());
        } finally {
            kernel.slab().kfree(copy);
        }
    }

    /**
     * Models param_attr_show() with the module's kernel_param_ops.get: it fills a page and returns
     * the byte count; null when it returned an error (or there is no get: -EPERM), which read reports.
     */
    private String getCustom(KernelParam kp) {
        long fn = mem.load(mem.load(kp.address() + KernelParam.OPS, 8) + OPS_GET, 8);
        if (fn == 0) {
            return null;
        }
        long page = kernel.slab().kmalloc(4096);
        if (page == 0) {
            return null;
        }
        try {
            int n = (int) kernel.callModule(fn, page, kp.address());
            return n < 0 ? null : new String(mem.read(page, Math.min(n, 4096)), java.nio.charset.StandardCharsets.ISO_8859_1);
        } finally {
            kernel.slab().kfree(page);
        }
    }
}
