package dev.kplay.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kplay.cc.kbuild.BuildResult;
import dev.kplay.cc.kbuild.Kbuild;
import dev.kplay.session.Session;
import dev.kplay.session.SessionLimits;
import org.junit.jupiter.api.Test;

/**
 * .compat_ioctl is for 32-bit callers: a 64-bit program's ioctl reaches unlocked_ioctl only, as on
 * 6.1; compat_ptr_ioctl builds (fs.h declares it with CONFIG_COMPAT) and hands a call on to
 * unlocked_ioctl when a module calls it itself.
 */
class CompatIoctlTest {
    static final String MODULE = "#include <linux/module.h>\n#include <linux/fs.h>\n#include <linux/miscdevice.h>\n"
            + "MODULE_LICENSE(\"GPL\");\n"
            + "static long c_ioctl(struct file *f, unsigned int cmd, unsigned long arg)\n"
            + "{ pr_info(\"compat: unlocked_ioctl %#x %lu\\n\", cmd, arg); return 7; }\n"
            + "static long c_compat(struct file *f, unsigned int cmd, unsigned long arg)\n"
            + "{ pr_info(\"compat: compat_ioctl\\n\"); return compat_ptr_ioctl(f, cmd, arg); }\n"
            + "static const struct file_operations c_fops = { .owner = THIS_MODULE, .unlocked_ioctl = c_ioctl,\n"
            + "  .compat_ioctl = c_compat };\n"
            + "static struct miscdevice c_dev = { .minor = MISC_DYNAMIC_MINOR, .name = \"compat\", .fops = &c_fops };\n"
            + "static int __init c_init(void) { int r = misc_register(&c_dev); struct file f = { .f_op = &c_fops };\n"
            + "  if (!r) pr_info(\"compat: direct %ld\\n\", c_compat(&f, 5, 6)); return r; }\n"
            + "static void __exit c_exit(void) { misc_deregister(&c_dev); }\n"
            + "module_init(c_init);\nmodule_exit(c_exit);\n";

    @Test
    void aSixtyFourBitCallerNeverReachesCompatIoctl() {
        Session s = new Session("compat", Kbuild::build, SessionLimits.defaults().fastForward(), System::nanoTime);
        s.putFile("compat.c", MODULE);
        BuildResult b = s.build();
        assertTrue(b.ok(), b.output());
        s.putFile("call.c", "#include <stdio.h>\n#include <fcntl.h>\n#include <sys/ioctl.h>\n"
                + "int main(void) { int fd = open(\"/dev/compat\", O_RDWR);\n"
                + "  printf(\"%d\\n\", ioctl(fd, 0x1234, 99)); return 0; }\n");
        assertEquals(0, s.exec("gcc -o call call.c", 60_000L).exitCode());
        assertEquals(0, s.exec("insmod compat.ko", 60_000L).exitCode());
        assertEquals("7\n", s.exec("./call", 60_000L).output());
        String log = s.dmesg();
        assertTrue(log.contains("compat: compat_ioctl\n") && log.contains("compat: unlocked_ioctl 0x5 6\n")
                && log.contains("compat: direct 7\n"), log);
        assertTrue(log.contains("compat: unlocked_ioctl 0x1234 99\n"), log);
        assertEquals(log.indexOf("compat: compat_ioctl"), log.lastIndexOf("compat: compat_ioctl"), log);
    }
}
