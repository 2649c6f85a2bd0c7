package dev.kplay.userland.bin;

import dev.kplay.userland.Command;
import dev.kplay.userland.sh.Builtins;

import java.util.LinkedHashMap;
import java.util.Map;

/*
 * The programs installed in the simulated Debian 12 system, by command name, and where each one
 * lives (for `type`). Adding a program is one line here and one class.
 */

/** The standard programs: kmod, util-linux, coreutils, procps, busybox. */
public final class Programs {
    private Programs() {}

    public static Map<String, Command> standard() {
        Map<String, Command> m = new LinkedHashMap<>();
        m.put("insmod", Insmod::run);
        m.put("rmmod", Rmmod::run);
        m.put("lsmod", Lsmod::run);
        m.put("modinfo", Modinfo::run);
        m.put("dmesg", Dmesg::run);
        m.put("cat", Cat::run);
        m.put("ls", Ls::run);
        m.put("grep", Grep::run);
        m.put("egrep", Grep::run);
        m.put("head", HeadTail::head);
        m.put("tail", HeadTail::tail);
        m.put("wc", Wc::run);
        m.put("uname", Uname::run);
        m.put("ps", Ps::run);
        m.put("nice", Nice::nice);
        m.put("renice", Nice::renice);
        m.put("sleep", Sleep::run);
        m.put("busybox", Busybox::run);
        m.put("modprobe", Depmod::modprobe);
        m.put("depmod", Depmod::depmod);
        m.put("rm", Coreutils::rm);
        m.put("touch", Coreutils::touch);
        m.put("pidof", Coreutils::pidof);
        m.put("printf", Printf::run);
        m.put("awk", dev.kplay.userland.bin.awk.Awk::run);
        m.put("sed", dev.kplay.userland.bin.sed.Sed::run);
        m.put("cut", Cut::run);
        m.put("sort", Sort::run);
        m.put("uniq", Uniq::run);
        m.put("tr", Tr::run);
        m.put("od", Od::run);
        m.put("xxd", Xxd::run);
        m.put("stat", Stat::run);
        m.put("mknod", Mknod::run);
        m.put("mkdir", Mkdir::run);
        m.put("cp", Cp::run);
        m.put("dd", Dd::run);
        m.put("gcc", GccCommand::run);
        m.put("cc", GccCommand::run);
        m.put("mkfifo", Mknod::mkfifo);
        m.put("tee", Coreutils::tee);
        m.put("seq", Coreutils::seq);
        m.put("basename", Coreutils::basename);
        m.put("readlink", Coreutils::readlink);
        m.put("dirname", Coreutils::dirname);
        m.put("mawk", dev.kplay.userland.bin.awk.Awk::run);
        m.put("bash", Builtins::subshell);
        m.put("sh", Builtins::subshell);
        m.put("clear", p -> {
            p.print("\033[H\033[2J\033[3J");
            return 0;
        });
        m.put("echo", Echo::run);
        m.put("true", p -> 0);
        m.put("false", p -> 1);
        m.put("whoami", p -> {
            p.print("root\n");
            return 0;
        });
        m.put("hostname", p -> {
            p.print(p.sys().uname(p.pid())[1] + "\n");
            return 0;
        });
        return m;
    }

    /** The installed path of a program, as `type` and `which` print it. */
    public static String location(String name) {
        return switch (name) {
            case "insmod", "rmmod", "lsmod", "modinfo", "modprobe", "depmod" -> "/usr/sbin/" + name;
            case "dmesg", "busybox" -> "/usr/bin/" + name;
            default -> "/usr/bin/" + name;
        };
    }
}
