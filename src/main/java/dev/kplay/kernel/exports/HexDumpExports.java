package dev.kplay.kernel.exports;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.mm.AddressSpace;
import dev.kplay.kernel.printk.Vsprintf;

/*
 * lib/hexdump.c: print_hex_dump(), the way a module shows a buffer's bytes in the log, and the
 * line formatter under it, hex_dump_to_buffer(), with 6.1's layout: groups of 1, 2, 4 or 8 bytes
 * (a group of several bytes printed as one little-endian number), the ASCII column at
 * rowsize * 2 + rowsize / groupsize + 1, and the offset or hashed address prefix. Also the small
 * hex converters of the same file (hex_to_bin, hex2bin, bin2hex).
 */

/** lib/hexdump.c exports. */
final class HexDumpExports {
    private static final String HEX = "0123456789abcdef";

    private final Kernel k;
    private final Builtins b;
    private final ExportTable t;
    private final AddressSpace mem;

    HexDumpExports(Kernel k, Builtins b) {
        this.k = k;
        this.b = b;
        this.t = k.exports();
        this.mem = k.memory();
    }

    void register() {
        t.function("hex_dump_to_buffer", 0x230, (a, s) -> {
            long rowsize = (int) a[2];
            int groupsize = (int) a[3];
            long linebuflen = a[5];
            boolean ascii = (a[6] & 0xff) != 0;
            String line = hexDumpLine(a[0], a[1], (int) rowsize, groupsize, ascii);
            int full = fullLength(a[1], (int) rowsize, groupsize, ascii);
            if (linebuflen == 0) {
                return full;
            }
            if (line.length() + 1 > linebuflen) {
                // overflow: as much as fits, NUL-terminated, and the length the whole line needs
                b.putBounded(a[4], linebuflen, line);
                return full;
            }
            b.putBounded(a[4], linebuflen, line);
            return line.length();
        });
        t.function("print_hex_dump", 0x150, (a, s) -> {
            printHexDump(b.cstr(a[0]), b.cstr(a[1]), (int) a[2], (int) a[3], (int) a[4], a[5], a[6], (a[7] & 0xff) != 0);
            return 0;
        });
        t.function("hex_to_bin", 0x40, (a, s) -> hexToBin((int) (a[0] & 0xff)));
        t.function("hex2bin", 0x60, (a, s) -> {
            for (long i = 0; i < a[2]; i++) {
                int hi = hexToBin((int) mem.load(a[1] + 2 * i, 1));
                if (hi < 0) {
                    return -22;
                }
                int lo = hexToBin((int) mem.load(a[1] + 2 * i + 1, 1));
                if (lo < 0) {
                    return -22;
                }
                mem.store(a[0] + i, 1, (hi << 4) | lo);
            }
            return 0;
        });
        t.function("bin2hex", 0x40, (a, s) -> {
            for (long i = 0; i < a[2]; i++) {
                int c = (int) mem.load(a[1] + i, 1);
                mem.store(a[0] + 2 * i, 1, HEX.charAt(c >> 4));
                mem.store(a[0] + 2 * i + 1, 1, HEX.charAt(c & 15));
            }
            return a[0] + 2 * a[2];
        });
    }

    /** Models hex_to_bin(): the value of one hex digit, or -1. */
    private static int hexToBin(int ch) {
        if (ch >= '0' && ch <= '9') {
            return ch - '0';
        }
        int c = ch | 0x20;
        return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    }

    /** Models print_hex_dump(): one printk per row of rowsize (16 or 32) bytes, with the prefix. */
    private void printHexDump(String level, String prefix, int prefixType, int rowsize, int groupsize, long buf,
            long len, boolean ascii) {
        if (rowsize != 16 && rowsize != 32) {
            rowsize = 16;
        }
        long remaining = len;
        for (long i = 0; i < len; i += rowsize) {
            long linelen = Math.min(remaining, rowsize);
            remaining -= rowsize;
            String line = hexDumpLine(buf + i, linelen, rowsize, groupsize, ascii);
            long addr = buf + i;
            String where = switch (prefixType) {
                case 1 -> Vsprintf.format("%p: ", () -> addr, b.memoryView());   // DUMP_PREFIX_ADDRESS, hashed
                case 2 -> String.format("%08x: ", (int) i);                      // DUMP_PREFIX_OFFSET
                default -> "";
            };
            k.printk().printk(Builtins.utf8(level + prefix + where + line + "\n"));
        }
    }

    /** The row hex_dump_to_buffer() writes for len (at most rowsize) bytes at buf, given room enough. */
    private String hexDumpLine(long buf, long len, int rowsize, int groupsize, boolean ascii) {
        if (rowsize != 16 && rowsize != 32) {
            rowsize = 16;
        }
        len = Math.min(len, rowsize);
        groupsize = effectiveGroup(len, groupsize);
        int ngroups = (int) (len / groupsize);
        int asciiColumn = rowsize * 2 + rowsize / groupsize + 1;
        StringBuilder sb = new StringBuilder();
        if (len == 0) {
            return "";
        }
        if (groupsize == 1) {
            for (int j = 0; j < len; j++) {
                int c = (int) mem.load(buf + j, 1);
                sb.append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 15)).append(' ');
            }
            sb.setLength(sb.length() - 1);
        } else {
            for (int j = 0; j < ngroups; j++) {
                long v = mem.load(buf + (long) j * groupsize, groupsize);
                String hex = Long.toHexString(v);
                sb.append(j > 0 ? " " : "").append("0".repeat(groupsize * 2 - hex.length())).append(hex);
            }
        }
        if (!ascii) {
            return sb.toString();
        }
        while (sb.length() < asciiColumn) {
            sb.append(' ');
        }
        for (int j = 0; j < len; j++) {
            int c = (int) mem.load(buf + j, 1);
            sb.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
        }
        return sb.toString();
    }

    /** hex_dump_to_buffer()'s return value when the line does not fit: the length the whole line needs. */
    private static int fullLength(long len, int rowsize, int groupsize, boolean ascii) {
        if (rowsize != 16 && rowsize != 32) {
            rowsize = 16;
        }
        len = Math.min(len, rowsize);
        groupsize = effectiveGroup(len, groupsize);
        int ngroups = (int) (len / groupsize);
        return ascii ? rowsize * 2 + rowsize / groupsize + 1 + (int) len : (groupsize * 2 + 1) * ngroups - 1;
    }

    /** The group size hex_dump_to_buffer() uses: 1 unless a power of two up to 8 that divides len. */
    private static int effectiveGroup(long len, int groupsize) {
        if (groupsize <= 0 || Integer.bitCount(groupsize) != 1 || groupsize > 8) {
            groupsize = 1;
        }
        return len % groupsize != 0 ? 1 : groupsize;
    }
}
