package dev.kplay.kernel.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Files written whole from shareable bytes share them until one of them changes. */
class RegularFileTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aSharedFileIsCopiedAtItsFirstChange() {
        byte[] tree = RegularFile.shareable(bytes("obj-y = sys.o\n"));
        RegularFile a = new RegularFile(0644);
        RegularFile b = new RegularFile(0644);
        a.write(0, tree);
        b.write(0, tree);
        a.write(4, bytes("XY"));
        assertArrayEquals(bytes("obj-XY= sys.o\n"), a.contents());
        assertArrayEquals(bytes("obj-y = sys.o\n"), b.contents(), "the other file keeps the bytes");
        assertArrayEquals(bytes("obj-y = sys.o\n"), tree, "and so do the shared bytes");
        b.write(b.size(), bytes("more\n"));
        assertEquals("obj-y = sys.o\nmore\n", new String(b.contents(), StandardCharsets.UTF_8));
        assertArrayEquals(bytes("obj-y = sys.o\n"), tree);
    }

    @Test
    void bytesNotDeclaredShareableAreCopied() {
        byte[] mine = bytes("abc");
        RegularFile f = new RegularFile(0644);
        f.write(0, mine);
        mine[0] = 'z';
        assertArrayEquals(bytes("abc"), f.contents());
    }
}
