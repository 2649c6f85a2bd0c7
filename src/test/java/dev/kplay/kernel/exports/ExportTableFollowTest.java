package dev.kplay.kernel.exports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kplay.kernel.mm.AddressSpace;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A table that boots the symbols of a shared layout follows it (stores only the bodies); every
 * lookup, during its boot and after, must answer what a table built from scratch answers, also when
 * it leaves the layout half-way (a different symbol) or goes past its end.
 */
class ExportTableFollowTest {
    private static final ExportTable.Builtin BODY = (args, stack) -> 7;

    /** The boot of a small image; {@code extra} registers more before share() (a different image). */
    private static ExportTable boot(String first, Consumer<ExportTable> extra, List<String> trace) {
        ExportTable t = new ExportTable(new AddressSpace());
        t.function(first, 64, BODY);
        for (int i = 0; i < 40; i++) {
            t.function("fn_" + (char) ('z' - i % 26) + i, 32 + i, BODY);
            if (i % 5 == 0) {
                t.object("obj_" + i, 8);
            }
            if (i % 7 == 0) {
                t.internal("internal_" + i, 48);
            }
            if (i == 20) {
                // lookups in the middle of the boot see only what is registered so far
                trace.add(t.lookup("fn_z0") + " " + t.lookup("fn_a25") + " " + t.lookup("fn_y27"));
                trace.add(String.valueOf(t.containing(t.address("fn_z0") + 3).name()));
            }
        }
        extra.accept(t);
        t.share();
        return t;
    }

    private static String view(ExportTable t) {
        StringBuilder b = new StringBuilder();
        for (ExportTable.Export e : t.all()) {
            b.append(e.name()).append('@').append(Long.toHexString(e.address())).append(' ')
                    .append(t.lookup(e.name())).append(' ').append(t.containing(e.address() + 1) == null ? "-"
                            : t.containing(e.address() + 1).name()).append(' ').append(t.isNative(e.address()))
                    .append(' ').append(t.byName(e.name()).builtin() != null).append('\n');
        }
        return b.toString();
    }

    @Test
    void aFollowingBootAnswersAsAFreshOne() {
        String first = "follow_first_" + System.nanoTime();
        List<String> freshTrace = new java.util.ArrayList<>();
        ExportTable fresh = boot(first, t -> { }, freshTrace);
        List<String> followTrace = new java.util.ArrayList<>();
        ExportTable followed = boot(first, t -> { }, followTrace);
        assertEquals(view(fresh), view(followed));
        assertEquals(freshTrace, followTrace);
        assertTrue(followTrace.get(0).startsWith(String.valueOf(fresh.address("fn_z0"))));
        assertTrue(followTrace.get(0).endsWith(" 0 0"), "fn_a25 and fn_y27 are not registered yet: " + followTrace);
        assertEquals(7, followed.call(followed.address("fn_z0"), new long[0], null));
    }

    @Test
    void aBootThatLeavesTheLayoutBuildsItsOwnViews() {
        String first = "leave_first_" + System.nanoTime();
        boot(first, t -> { }, new java.util.ArrayList<>());
        // a longer image: the same symbols, then more (goes past the layout's end)
        Consumer<ExportTable> more = t -> {
            t.function("aaa_late", 16, BODY);
            t.object("zzz_late", 4);
        };
        String longer = view(boot(first, more, new java.util.ArrayList<>()));
        assertTrue(longer.contains("aaa_late@"));
        // a different image: diverges at its second symbol
        ExportTable other = new ExportTable(new AddressSpace());
        other.function(first, 64, BODY);
        other.function("different", 32, BODY);
        other.share();
        assertEquals(2, other.all().size());
        assertEquals("different", other.containing(other.address("different")).name());
        assertNull(other.byName("fn_z0"));
        // the first layout is still shared as it was
        assertEquals(view(boot(first, t -> { }, new java.util.ArrayList<>())),
                view(boot(first, t -> { }, new java.util.ArrayList<>())));
        // and the longer image, booted again, follows its own layout to the same answers
        assertEquals(longer, view(boot(first, more, new java.util.ArrayList<>())));
    }
}
