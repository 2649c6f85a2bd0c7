package dev.kplay.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kplay.session.SessionException;
import dev.kplay.store.TestStores;
import org.junit.jupiter.api.Test;

/** Strict reading of scenario JSON, canonical writing, and short-link ids from the content hash. */
class ScenarioCodecTest {
    final ScenarioCodec codec = new ScenarioCodec(new ScenarioCodec.Limits(4096, 2, 100, 3));

    SessionException refused(String json) {
        return assertThrows(SessionException.class, () -> codec.read(json));
    }

    @Test
    void readsAndWritesEveryStepType() {
        String json = "{\"version\":1,\"title\":\"t\",\"files\":{\"a.c\":\"int x;\\n\"},\"steps\":["
                + "{\"type\":\"build\",\"output\":\"  CC [M]  a.o\\n\",\"ok\":true},"
                + "{\"type\":\"exec\",\"command\":\"sleep 5\",\"interruptAfterNanos\":1000,\"output\":\"\",\"exitCode\":130},"
                + "{\"type\":\"wait\",\"nanos\":1500000000}]}";
        Scenario s = codec.read(json);
        assertEquals(json, codec.write(s));
        String more = "{\"version\":1,\"files\":{},\"steps\":[{\"type\":\"write\",\"name\":\"b.h\",\"text\":\"\"},"
                + "{\"type\":\"delete\",\"name\":\"b.h\"},{\"type\":\"signal\",\"signal\":2}]}";
        assertEquals(more, codec.write(codec.read(more)));
        assertEquals("{\"version\":1,\"files\":{},\"steps\":[{\"type\":\"reboot\"}]}",
                codec.write(codec.read("{\"steps\":[{\"type\":\"reboot\"}],\"version\":1}")));
    }

    @Test
    void refusesWhatIsNotAScenario() {
        assertEquals(SessionException.Kind.BAD_REQUEST, refused("{").kind());
        assertTrue(refused("[1]").getMessage().contains("JSON object"));
        assertTrue(refused("{\"files\":{}}").getMessage().contains("lacks \"version\""));
        assertTrue(refused("{\"version\":2}").getMessage().contains("unsupported scenario version 2"));
        assertTrue(refused("{\"version\":\"1\"}").getMessage().contains("unsupported scenario version"));
        assertTrue(refused("{\"version\":1,\"extra\":1}").getMessage().contains("unknown scenario field \"extra\""));
        assertTrue(refused("{\"version\":1,\"steps\":[{\"type\":\"format-disk\"}]}").getMessage().contains("unknown step type"));
        assertTrue(refused("{\"version\":1,\"steps\":[{\"type\":\"wait\",\"nanos\":-1}]}").getMessage().contains("non-negative"));
        assertTrue(refused("{\"version\":1,\"steps\":[{\"type\":\"exec\"}]}").getMessage().contains("\"command\" must be a string"));
        assertTrue(refused("{\"version\":1,\"files\":{\"../x\":\"\"}}").getMessage().contains("bad file name"));
        assertTrue(refused("{\"version\":1,\"steps\":[{\"type\":\"reboot\",\"now\":true}]}").getMessage().contains("unknown field"));
    }

    @Test
    void refusesWhatIsTooLarge() {
        assertEquals(SessionException.Kind.TOO_LARGE, refused("{\"version\":1,\"title\":\"" + "x".repeat(5000) + "\"}").kind());
        assertEquals(SessionException.Kind.TOO_LARGE, refused("{\"version\":1,\"files\":{\"a\":\"\",\"b\":\"\",\"c\":\"\"}}").kind());
        assertEquals(SessionException.Kind.TOO_LARGE, refused("{\"version\":1,\"files\":{\"a\":\"" + "x".repeat(101) + "\"}}").kind());
        assertEquals(SessionException.Kind.TOO_LARGE, refused("{\"version\":1,\"steps\":["
                + "{\"type\":\"reboot\"},{\"type\":\"reboot\"},{\"type\":\"reboot\"},{\"type\":\"reboot\"}]}").kind());
    }

    @Test
    void linkIdsComeFromTheContent() {
        Links links = new Links(TestStores.h2InMemory(), codec);
        Scenario a = codec.read("{\"version\":1,\"steps\":[{\"type\":\"exec\",\"command\":\"uname -r\"}]}");
        Scenario b = codec.read("{\"version\":1,\"steps\":[{\"type\":\"exec\",\"command\":\"uname -a\"}]}");
        Links.Saved first = links.save(a);
        assertTrue(first.created());
        assertEquals(12, first.id().length());
        Links.Saved again = links.save(codec.read(codec.write(a)));
        assertEquals(first.id(), again.id());
        assertTrue(!again.created());
        assertTrue(!links.save(b).id().equals(first.id()));
        assertEquals(a, links.load(first.id()));
        assertEquals(SessionException.Kind.NOT_FOUND,
                assertThrows(SessionException.class, () -> links.load("AAAAAAAAAAAA")).kind());
        assertEquals(SessionException.Kind.NOT_FOUND,
                assertThrows(SessionException.class, () -> links.load("../../etc")).kind());
    }
}
