package dev.kplay.session;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/*
 * One event as one JSON text, the form a session's log takes in the store: {"type": ..., fields}.
 * The store treats the text as opaque; this is the only place that knows its shape, so parking,
 * restarts and other nodes all read back exactly the events that were logged. The events every
 * request adds that have no text in them (idle time, a build, a plain reboot) are spelled out
 * directly, as Jackson writes them, without a map and a generator each time.
 */

/** Event <-> JSON. */
public final class EventCodec {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private EventCodec() {}

    /** The JSON text of an event. */
    public static String write(Event e) {
        if (e instanceof Event.TimePassed t) {
            return "{\"type\":\"time\",\"nanos\":" + t.nanos() + "}";
        } else if (e instanceof Event.Built) {
            return "{\"type\":\"build\"}";
        } else if (e instanceof Event.Rebooted r && !r.stock() && r.cmdline() == null) {
            return "{\"type\":\"reboot\"}";
        }
        return JSON.writeValueAsString(fields(e));
    }

    /** The event's fields in the order of its JSON text. */
    static Map<String, Object> fields(Event e) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (e instanceof Event.FileWritten w) {
            m.put("type", "file");
            m.put("name", w.name());
            m.put("text", w.text());
        } else if (e instanceof Event.FileDeleted d) {
            m.put("type", "rm");
            m.put("name", d.name());
        } else if (e instanceof Event.Built) {
            m.put("type", "build");
        } else if (e instanceof Event.Executed x) {
            m.put("type", "exec");
            m.put("command", x.command());
            m.put("interruptAfterNanos", x.interruptAfterNanos());
        } else if (e instanceof Event.Signalled s) {
            m.put("type", "signal");
            m.put("signal", s.signal());
        } else if (e instanceof Event.Typed t) {
            m.put("type", "typed");
            m.put("text", t.text());
        } else if (e instanceof Event.TimePassed t) {
            m.put("type", "time");
            m.put("nanos", t.nanos());
        } else if (e instanceof Event.Rebooted r) {
            m.put("type", "reboot");
            if (r.stock()) {
                m.put("kernel", "stock");
            }
            if (r.cmdline() != null) {
                m.put("cmdline", r.cmdline());
            }
        } else if (e instanceof Event.Booted b) {
            m.put("type", "boot");
            m.put("cmdline", b.cmdline());
        } else {
            throw new IllegalStateException("no JSON form for " + e);
        }
        return m;
    }

    /** The JSON text of an event as Jackson writes its fields (what write() spells out directly). */
    static String writeFields(Event e) {
        return JSON.writeValueAsString(fields(e));
    }

    /** The event a JSON text written by {@link #write} stands for. */
    public static Event read(String json) {
        Map<?, ?> m = JSON.readValue(json, Map.class);
        String type = (String) m.get("type");
        return switch (type) {
            case "file" -> new Event.FileWritten((String) m.get("name"), (String) m.get("text"));
            case "rm" -> new Event.FileDeleted((String) m.get("name"));
            case "build" -> new Event.Built();
            case "exec" -> new Event.Executed((String) m.get("command"), ((Number) m.get("interruptAfterNanos")).longValue());
            case "signal" -> new Event.Signalled(((Number) m.get("signal")).intValue());
            case "typed" -> new Event.Typed((String) m.get("text"));
            case "time" -> new Event.TimePassed(((Number) m.get("nanos")).longValue());
            case "reboot" -> new Event.Rebooted("stock".equals(m.get("kernel")), (String) m.get("cmdline"));
            case "boot" -> new Event.Booted((String) m.get("cmdline"));
            default -> throw new IllegalStateException("unknown event type in the store: " + type);
        };
    }
}
