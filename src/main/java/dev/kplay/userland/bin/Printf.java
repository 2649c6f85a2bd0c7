package dev.kplay.userland.bin;

import dev.kplay.userland.Errno;
import dev.kplay.userland.Proc;

import java.util.List;

/*
 * bash's printf builtin for the common conversions: %s %b %c %d %i %u %x %X %o %% with flags,
 * width and precision, backslash escapes in the format, and the format reused while arguments
 * remain (printf '%s\n' a b c prints three lines).
 */

/** printf FORMAT [ARGUMENTS...]. */
public final class Printf {
    private Printf() {}

    public static int run(Proc p) {
        List<String> args = p.args();
        if (args.isEmpty()) {
            p.eprint("printf: usage: printf [-v var] format [arguments]\n");
            return 2;
        }
        String format = Echo.unescape(args.get(0), new String[1]);
        List<String> values = args.subList(1, args.size());
        StringBuilder out = new StringBuilder();
        int status = 0;
        int next = 0;
        do {
            int used = 0;
            for (int i = 0; i < format.length(); i++) {
                char c = format.charAt(i);
                if (c != '%' || i + 1 >= format.length()) {
                    out.append(c);
                    continue;
                }
                int start = i;
                i++;
                while (i < format.length() && "-+ #0".indexOf(format.charAt(i)) >= 0) {
                    i++;
                }
                while (i < format.length() && (Character.isDigit(format.charAt(i)) || format.charAt(i) == '.')) {
                    i++;
                }
                if (i >= format.length()) {
                    out.append(format, start, i);
                    break;
                }
                char conv = format.charAt(i);
                String spec = format.substring(start, i);
                if (conv == '%') {
                    out.append('%');
                    continue;
                }
                String arg = next < values.size() ? values.get(next) : "";
                if (next < values.size()) {
                    next++;
                    used++;
                }
                switch (conv) {
                    case 's' -> out.append(String.format(spec + "s", arg));
                    case 'b' -> out.append(String.format(spec + "s", Echo.unescape(arg, new String[1])));
                    case 'c' -> out.append(arg.isEmpty() ? "" : arg.substring(0, 1));
                    case 'd', 'i', 'u', 'x', 'X', 'o' -> {
                        long v;
                        try {
                            v = arg.isEmpty() ? 0 : arg.startsWith("0x") ? Long.parseLong(arg.substring(2), 16) : Long.parseLong(arg);
                        } catch (NumberFormatException e) {
                            p.eprint("bash: printf: " + arg + ": invalid number\n");
                            status = 1;
                            v = 0;
                        }
                        char j = conv == 'i' || conv == 'u' ? 'd' : conv;
                        out.append(String.format(spec.replace("#", conv == 'd' || conv == 'i' ? "" : "#") + j, v));
                    }
                    default -> out.append(spec).append(conv);
                }
            }
            if (used == 0) {
                break;
            }
        } while (next < values.size());
        long r = p.check(p.out().write(out.toString()));
        if (r < 0) {
            p.eprint("bash: printf: write error: " + Errno.strerror((int) r) + "\n");
            return 1;
        }
        return status;
    }
}
