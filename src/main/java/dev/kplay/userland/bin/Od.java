package dev.kplay.userland.bin;

import dev.kplay.userland.Errno;
import dev.kplay.userland.Proc;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/*
 * coreutils od: 16 bytes a line, each -t TYPE a row (a, c, d/o/u/x with sizes 1, 2, 4 or 8, and
 * the z suffix that adds the printable bytes between > and <), the address in -A's radix (o, d,
 * x or n), a run of identical lines folded into "*" unless -v, and the final address. The old
 * options -b -c -d -o -x stand for their -t types. Multi-byte words are little-endian (x86).
 */

/** od [-A RADIX] [-t TYPE]... [-bcdovx] [-j SKIP] [-N COUNT] [FILE...]. */
final class Od {
    private Od() {}

    private record Type(char kind, int size, boolean z) {
        /** Characters one value takes, its leading space included. */
        int width() {
            return switch (kind) {
                case 'c', 'a' -> 4;
                case 'x' -> size * 2 + 1;
                case 'o' -> size == 1 ? 4 : size == 2 ? 7 : size == 4 ? 12 : 23;
                case 'u' -> size == 1 ? 4 : size == 2 ? 6 : size == 4 ? 11 : 21;
                default -> size == 1 ? 5 : size == 2 ? 7 : size == 4 ? 12 : 21;
            };
        }
    }

    static int run(Proc p) {
        char radix = 'o';
        List<Type> types = new ArrayList<>();
        boolean all = false;
        long skip = 0;
        long limit = -1;
        List<String> files = new ArrayList<>();
        List<String> args = p.args();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("-A") || a.startsWith("-t") || a.startsWith("-j") || a.startsWith("-N")) {
                String v = a.length() > 2 ? a.substring(2) : i + 1 < args.size() ? args.get(++i) : null;
                if (v == null) {
                    p.eprint("od: option requires an argument -- '" + a.charAt(1) + "'\nTry 'od --help' for more information.\n");
                    return 1;
                }
                switch (a.charAt(1)) {
                    case 'A' -> {
                        if (v.length() != 1 || "odxn".indexOf(v.charAt(0)) < 0) {
                            p.eprint("od: invalid output address radix '" + v + "'; it must be one character from [doxn]\n");
                            return 1;
                        }
                        radix = v.charAt(0);
                    }
                    case 't' -> {
                        Type t = type(v);
                        if (t == null) {
                            p.eprint("od: invalid type string '" + v + "'\n");
                            return 1;
                        }
                        types.add(t);
                    }
                    case 'j' -> skip = Long.parseLong(v);
                    default -> limit = Long.parseLong(v);
                }
            } else if (a.equals("-v")) {
                all = true;
            } else if (a.matches("-[bcdox]+")) {
                for (char c : a.substring(1).toCharArray()) {
                    types.add(switch (c) {
                        case 'b' -> new Type('o', 1, false);
                        case 'c' -> new Type('c', 1, false);
                        case 'd' -> new Type('u', 2, false);
                        case 'o' -> new Type('o', 2, false);
                        default -> new Type('x', 2, false);
                    });
                }
            } else if (a.startsWith("-") && a.length() > 1) {
                p.eprint("od: invalid option -- '" + a.charAt(1) + "'\nTry 'od --help' for more information.\n");
                return 1;
            } else {
                files.add(a);
            }
        }
        if (types.isEmpty()) {
            types.add(new Type('o', 2, false));
        }
        if (files.isEmpty()) {
            files.add("-");
        }
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int status = 0;
        for (String f : files) {
            try {
                byte[] b = p.operand(f);
                data.write(b, 0, b.length);
            } catch (Proc.FileError e) {
                p.eprint("od: " + f + ": " + Errno.strerror(e.errno) + "\n");
                status = 1;
            }
        }
        byte[] all0 = data.toByteArray();
        int from = (int) Math.min(skip, all0.length);
        int to = limit < 0 ? all0.length : (int) Math.min(all0.length, from + limit);
        byte[] bytes = Arrays.copyOfRange(all0, from, to);
        int width = 0;
        for (Type t : types) {
            width = Math.max(width, (t.width() + t.size() - 1) / t.size());
        }
        StringBuilder out = new StringBuilder();
        byte[] prev = null;
        boolean starred = false;
        for (int off = 0; off < bytes.length; off += 16) {
            byte[] line = Arrays.copyOfRange(bytes, off, Math.min(bytes.length, off + 16));
            if (!all && prev != null && line.length == 16 && Arrays.equals(line, prev)) {
                if (!starred) {
                    out.append("*\n");
                    starred = true;
                }
                continue;
            }
            starred = false;
            prev = line;
            boolean first = true;
            for (Type t : types) {
                out.append(first ? address(skip + off, radix) : " ".repeat(address(0, radix).length()));
                first = false;
                StringBuilder row = new StringBuilder();
                for (int k = 0; k < line.length; k += t.size()) {
                    String v = value(t, line, k);
                    int w = types.size() == 1 ? t.width() : width * t.size();
                    row.append(" ".repeat(Math.max(0, w - v.length()))).append(v);
                }
                out.append(row);
                if (t.z()) {
                    out.append(" ".repeat(Math.max(0, (types.size() == 1 ? t.width() / t.size() : width) * 16 - row.length()))).append("  >");
                    for (byte b : line) {
                        out.append(b >= 32 && b < 127 ? (char) b : '.');
                    }
                    out.append('<');
                }
                out.append('\n');
            }
        }
        if (radix != 'n') {
            out.append(address(skip + bytes.length, radix)).append('\n');
        }
        p.print(out.toString());
        return status;
    }

    private static Type type(String v) {
        boolean z = v.endsWith("z");
        String s = z ? v.substring(0, v.length() - 1) : v;
        if (s.equals("c") || s.equals("a")) {
            return new Type(s.charAt(0), 1, z);
        }
        if (s.isEmpty() || "doux".indexOf(s.charAt(0)) < 0) {
            return null;
        }
        String size = s.substring(1);
        int n = switch (size) {
            case "", "I" -> 4;
            case "1", "C" -> 1;
            case "2", "S" -> 2;
            case "4" -> 4;
            case "8", "L" -> 8;
            default -> -1;
        };
        return n < 0 ? null : new Type(s.charAt(0), n, z);
    }

    private static String address(long a, char radix) {
        return switch (radix) {
            case 'd' -> String.format("%07d", a);
            case 'x' -> String.format("%06x", a);
            case 'n' -> "";
            default -> String.format("%07o", a);
        };
    }

    private static String value(Type t, byte[] line, int k) {
        if (t.kind() == 'c') {
            int b = line[k] & 0xff;
            return switch (b) {
                case 0 -> "\\0";
                case 7 -> "\\a";
                case 8 -> "\\b";
                case 9 -> "\\t";
                case 10 -> "\\n";
                case 11 -> "\\v";
                case 12 -> "\\f";
                case 13 -> "\\r";
                default -> b >= 32 && b < 127 ? String.valueOf((char) b) : String.format("%03o", b);
            };
        }
        if (t.kind() == 'a') {
            String[] names = {"nul", "soh", "stx", "etx", "eot", "enq", "ack", "bel", "bs", "ht", "nl", "vt", "ff", "cr",
                "so", "si", "dle", "dc1", "dc2", "dc3", "dc4", "nak", "syn", "etb", "can", "em", "sub", "esc", "fs", "gs",
                "rs", "us", "sp"};
            int b = line[k] & 0x7f;
            return b <= 32 ? names[b] : b == 127 ? "del" : String.valueOf((char) b);
        }
        long v = 0;
        for (int i = t.size() - 1; i >= 0; i--) {
            v = (v << 8) | (k + i < line.length ? line[k + i] & 0xff : 0);
        }
        int bits = t.size() * 8;
        return switch (t.kind()) {
            case 'x' -> String.format("%0" + (t.size() * 2) + "x", v);
            case 'o' -> String.format("%0" + ((bits + 2) / 3) + "o", v);
            case 'u' -> Long.toUnsignedString(v);
            default -> Long.toString(bits == 64 ? v : (v << (64 - bits)) >> (64 - bits));
        };
    }
}
