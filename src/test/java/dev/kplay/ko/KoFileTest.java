package dev.kplay.ko;

import dev.kplay.vm.Insn;
import dev.kplay.vm.Op;
import org.junit.jupiter.api.Test;

import java.util.AbstractMap;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The .ko codec: round trip, determinism, the ELF header, and refusal of junk. */
class KoFileTest {
    private static final byte[] MODINFO = "license=GPL\0author=\u00e9\0".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    static ModuleImage sample() {
        Function f = new Function("m_init", ".init.text", 0, 32, false, false, List.of(new Function.Param(0, 4)), 16,
                List.of(Insn.of(Op.CONST, -5), new Insn(Op.CALL, 1, 2), Insn.of(Op.RET)), new int[] {0, 5, 10}, new int[] {3, 4, 5});
        return new ModuleImage("m", "m.ko",
                List.of(new Section(".init.text", 32, 16, null), new Section(".data", 4, 4, new byte[] {1, 2, 3, 4}),
                        new Section(".modinfo", MODINFO.length, 1, MODINFO)),
                List.of(new Symbol("m_init", ".init.text", 0, 32, Symbol.Kind.FUNC, false),
                        new Symbol("_printk", null, 0, 0, Symbol.Kind.NOTYPE, true)),
                List.of(new Relocation(".data", 0, 0, 8)), List.of(f),
                List.of(new AbstractMap.SimpleImmutableEntry<>("license", "GPL"), new AbstractMap.SimpleImmutableEntry<>("author", "é")),
                "m_init", null);
    }

    @Test
    void roundTripsAndIsDeterministic() {
        byte[] a = KoFile.encode(sample());
        assertArrayEquals(a, KoFile.encode(sample()));
        assertArrayEquals(new byte[] {0x7f, 'E', 'L', 'F'}, Arrays.copyOf(a, 4));
        ModuleImage back = KoFile.decode(a);
        assertEquals("m", back.name());
        assertEquals("é", back.modinfo("author"));
        assertEquals(sample().functions().get(0).code(), back.functions().get(0).code());
        assertArrayEquals(new byte[] {1, 2, 3, 4}, back.sections().get(1).bytes());
        assertEquals(sample().relocations(), back.relocations());
        assertEquals(null, back.exitFunction());
        assertArrayEquals(a, KoFile.encode(back));
    }

    @Test
    void modinfoIsTheSectionsStrings() {
        byte[] a = KoFile.encode(sample());
        String latin = new String(a, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals(latin.indexOf("license=GPL"), latin.lastIndexOf("license=GPL"));
        byte[] edited = latin.replace("license=GPL", "xicense=GPL").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        ModuleImage back = KoFile.decode(edited);
        assertEquals(null, back.modinfo("license"));
        assertEquals("GPL", back.modinfo("xicense"));
    }

    @Test
    void junkIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> KoFile.decode("hello".getBytes()));
        assertThrows(IllegalArgumentException.class, () -> KoFile.decode(new byte[100]));
        byte[] good = KoFile.encode(sample());
        assertThrows(IllegalArgumentException.class, () -> KoFile.decode(Arrays.copyOf(good, good.length - 3)));
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        assertThrows(IllegalArgumentException.class, () -> KoFile.decode(longer));
    }
}
