package dev.kplay.scenario;

import dev.kplay.scenario.Scenario.Step;
import dev.kplay.session.Session;
import dev.kplay.session.SessionException;
import dev.kplay.session.SessionException.Kind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/*
 * Scenario <-> JSON. Reading is strict, because a scenario comes from anyone with a link: an
 * unknown version, an unknown field or step type, a wrong type, or a scenario past the limits is
 * refused with a message that names the problem (400, or 413 for size), never half-accepted.
 * Writing is canonical (fixed key order, no optional field that is unset), so the same scenario
 * always gives the same text, and so the same short-link hash.
 */

/** Reads and writes version-1 scenario JSON within limits. */
public final class ScenarioCodec {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> TOP = Set.of("version", "title", "description", "files", "steps", "dmesg", "cmdline");

    /**
     * Bounds on a scenario a client may send.
     *
     * @param maxBytes     the JSON text
     * @param maxFiles     starting files
     * @param maxFileBytes one file's text (starting or written by a step)
     * @param maxSteps     steps
     */
    public record Limits(int maxBytes, int maxFiles, int maxFileBytes, int maxSteps) {
        public static Limits defaults() {
            return new Limits(900 * 1024, 32, 64 * 1024, 5000);
        }
    }

    private final Limits limits;

    public ScenarioCodec(Limits limits) {
        this.limits = limits;
    }

    public Limits limits() { return limits; }

    /** Parses scenario JSON text; 400/413 SessionException when it is not a valid scenario. */
    public Scenario read(String json) {
        if (json == null || json.isBlank()) {
            throw bad("empty scenario");
        }
        if (json.getBytes(StandardCharsets.UTF_8).length > limits.maxBytes()) {
            throw new SessionException(Kind.TOO_LARGE, "scenario too large (the limit is " + limits.maxBytes() + " bytes)");
        }
        Object tree;
        try {
            tree = JSON.readValue(json, Object.class);
        } catch (JacksonException e) {
            throw bad("malformed scenario JSON");
        }
        return fromTree(tree);
    }

    /** Reads a scenario already parsed as plain JSON values (maps, lists, strings, numbers). */
    @SuppressWarnings("unchecked")
    public Scenario fromTree(Object tree) {
        if (!(tree instanceof Map<?, ?> raw)) {
            throw bad("a scenario is a JSON object");
        }
        Map<String, Object> top = (Map<String, Object>) raw;
        if (top.get("version") == null) {
            throw bad("scenario lacks \"version\" (this kplay reads version " + Scenario.VERSION + ")");
        }
        if (!(top.get("version") instanceof Integer v) || v != Scenario.VERSION) {
            throw bad("unsupported scenario version " + top.get("version") + " (this kplay reads version "
                    + Scenario.VERSION + ")");
        }
        for (String k : top.keySet()) {
            if (!TOP.contains(k)) {
                throw bad("unknown scenario field \"" + k + "\"");
            }
        }
        Map<String, String> files = new LinkedHashMap<>();
        Object f = top.get("files");
        if (f != null) {
            if (!(f instanceof Map<?, ?> fm)) {
                throw bad("\"files\" is an object of file name to text");
            }
            if (fm.size() > limits.maxFiles()) {
                throw new SessionException(Kind.TOO_LARGE, "too many files (the limit is " + limits.maxFiles() + ")");
            }
            for (Map.Entry<?, ?> e : fm.entrySet()) {
                files.put((String) e.getKey(), fileText((String) e.getKey(), e.getValue()));
            }
        }
        List<Step> steps = new ArrayList<>();
        Object s = top.get("steps");
        if (s != null) {
            if (!(s instanceof List<?> list)) {
                throw bad("\"steps\" is an array");
            }
            if (list.size() > limits.maxSteps()) {
                throw new SessionException(Kind.TOO_LARGE, "too many steps (the limit is " + limits.maxSteps() + ")");
            }
            for (int i = 0; i < list.size(); i++) {
                steps.add(step(i, list.get(i)));
            }
        }
        return new Scenario(optString(top, "title", "scenario"), optString(top, "description", "scenario"), files,
                steps, optString(top, "dmesg", "scenario"), cmdline(optString(top, "cmdline", "scenario"), "scenario"));
    }

    @SuppressWarnings("unchecked")
    private Step step(int i, Object o) {
        String where = "step " + (i + 1);
        if (!(o instanceof Map<?, ?> raw)) {
            throw bad(where + " is not an object");
        }
        Map<String, Object> m = (Map<String, Object>) raw;
        if (!(m.get("type") instanceof String type)) {
            throw bad(where + " lacks \"type\"");
        }
        Step step = switch (type) {
            case "write" -> {
                only(m, where, "name", "text");
                String name = reqString(m, "name", where);
                yield new Step.Write(name, fileText(name, m.get("text")));
            }
            case "delete" -> {
                only(m, where, "name");
                String name = reqString(m, "name", where);
                Session.checkFileName(name);
                yield new Step.Delete(name);
            }
            case "build" -> {
                only(m, where, "output", "ok");
                yield new Step.Build(optString(m, "output", where), optBool(m, "ok", where));
            }
            case "exec" -> {
                only(m, where, "command", "interruptAfterNanos", "output", "exitCode", "cwd");
                String command = reqString(m, "command", where);
                if (command.length() > 16 * 1024) {
                    throw new SessionException(Kind.TOO_LARGE, where + ": command line too long");
                }
                long interrupt = m.containsKey("interruptAfterNanos") ? nonNegative(m, "interruptAfterNanos", where) : -1;
                String cwd = optString(m, "cwd", where);
                if (cwd != null && (!cwd.startsWith("/") || cwd.length() > 4096)) {
                    throw bad(where + ": \"cwd\" is an absolute path");
                }
                yield new Step.Exec(command, interrupt, optString(m, "output", where), optInt(m, "exitCode", where), cwd);
            }
            case "signal" -> {
                only(m, where, "signal", "output", "exitCode");
                long sig = nonNegative(m, "signal", where);
                if (sig < 1 || sig > 64) {
                    throw bad(where + ": signal must be 1..64");
                }
                yield new Step.Signal((int) sig, optString(m, "output", where), optInt(m, "exitCode", where));
            }
            case "wait" -> {
                only(m, where, "nanos", "output");
                long nanos = nonNegative(m, "nanos", where);
                if (nanos > 3_600_000_000_000L) {
                    throw bad(where + ": a wait is at most an hour");
                }
                yield new Step.Wait(nanos, optString(m, "output", where));
            }
            case "input" -> {
                only(m, where, "text", "output", "exitCode");
                String text = reqString(m, "text", where);
                if (text.length() > Session.MAX_TYPED_CHARS) {
                    throw new SessionException(Kind.TOO_LARGE, where + ": typed text too long");
                }
                yield new Step.Input(text, optString(m, "output", where), optInt(m, "exitCode", where));
            }
            case "reboot" -> {
                only(m, where, "cmdline", "kernel");
                String cmdline = optString(m, "cmdline", where);
                String kernel = optString(m, "kernel", where);
                if (kernel != null && !kernel.equals("stock") && !kernel.equals("built")) {
                    throw bad(where + ": \"kernel\" is \"stock\" or \"built\"");
                }
                yield new Step.Reboot("stock".equals(kernel), cmdline == null ? null : cmdline(cmdline, where));
            }
            default -> throw bad(where + ": unknown step type \"" + type + "\"");
        };
        return step;
    }

    /** Boot parameters in their canonical form ("" for none); 400 for one kplay does not simulate. */
    private static String cmdline(String text, String where) {
        if (text == null) {
            return "";
        }
        try {
            return dev.kplay.kernel.BootParams.parse(text).extra();
        } catch (IllegalArgumentException e) {
            throw bad(where + ": " + e.getMessage());
        }
    }

    /** The canonical JSON text of a scenario. */
    public String write(Scenario s) {
        return JSON.writeValueAsString(toTree(s));
    }

    /** The canonical JSON of a scenario as plain values (for embedding in a larger response). */
    public Map<String, Object> toTree(Scenario s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", Scenario.VERSION);
        if (s.title() != null) {
            m.put("title", s.title());
        }
        if (s.description() != null) {
            m.put("description", s.description());
        }
        if (!s.cmdline().isEmpty()) {
            m.put("cmdline", s.cmdline());
        }
        m.put("files", new LinkedHashMap<>(s.files()));
        List<Object> steps = new ArrayList<>();
        for (Step st : s.steps()) {
            steps.add(stepTree(st));
        }
        m.put("steps", steps);
        if (s.dmesg() != null) {
            m.put("dmesg", s.dmesg());
        }
        return m;
    }

    private static Map<String, Object> stepTree(Step st) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (st instanceof Step.Write w) {
            m.put("type", "write");
            m.put("name", w.name());
            m.put("text", w.text());
        } else if (st instanceof Step.Delete d) {
            m.put("type", "delete");
            m.put("name", d.name());
        } else if (st instanceof Step.Build b) {
            m.put("type", "build");
            putIf(m, "output", b.output());
            putIf(m, "ok", b.ok());
        } else if (st instanceof Step.Exec x) {
            m.put("type", "exec");
            m.put("command", x.command());
            if (x.interruptAfterNanos() >= 0) {
                m.put("interruptAfterNanos", x.interruptAfterNanos());
            }
            putIf(m, "output", x.output());
            putIf(m, "exitCode", x.exitCode());
            putIf(m, "cwd", x.cwd());
        } else if (st instanceof Step.Signal g) {
            m.put("type", "signal");
            m.put("signal", g.signal());
            putIf(m, "output", g.output());
            putIf(m, "exitCode", g.exitCode());
        } else if (st instanceof Step.Wait t) {
            m.put("type", "wait");
            m.put("nanos", t.nanos());
            putIf(m, "output", t.output());
        } else if (st instanceof Step.Input t) {
            m.put("type", "input");
            m.put("text", t.text());
            putIf(m, "output", t.output());
            putIf(m, "exitCode", t.exitCode());
        } else if (st instanceof Step.Reboot r) {
            m.put("type", "reboot");
            if (r.stock()) {
                m.put("kernel", "stock");
            }
            putIf(m, "cmdline", r.cmdline());
        } else {
            throw new IllegalStateException("unknown step " + st);
        }
        return m;
    }

    private static void putIf(Map<String, Object> m, String k, Object v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    private String fileText(String name, Object text) {
        Session.checkFileName(name);
        if (!(text instanceof String t)) {
            throw bad("file " + name + ": text must be a string");
        }
        if (t.getBytes(StandardCharsets.UTF_8).length > limits.maxFileBytes()) {
            throw new SessionException(Kind.TOO_LARGE, name + ": file too large (the limit is " + limits.maxFileBytes()
                    + " bytes)");
        }
        return t;
    }

    private static void only(Map<String, Object> m, String where, String... allowed) {
        Set<String> ok = Set.of(allowed);
        for (String k : m.keySet()) {
            if (!k.equals("type") && !ok.contains(k)) {
                throw bad(where + ": unknown field \"" + k + "\" for a " + m.get("type") + " step");
            }
        }
    }

    private static String reqString(Map<String, Object> m, String k, String where) {
        if (!(m.get(k) instanceof String s)) {
            throw bad(where + ": \"" + k + "\" must be a string");
        }
        return s;
    }

    private static String optString(Map<String, Object> m, String k, String where) {
        Object v = m.get(k);
        if (v != null && !(v instanceof String)) {
            throw bad(where + ": \"" + k + "\" must be a string");
        }
        return (String) v;
    }

    private static Boolean optBool(Map<String, Object> m, String k, String where) {
        Object v = m.get(k);
        if (v != null && !(v instanceof Boolean)) {
            throw bad(where + ": \"" + k + "\" must be true or false");
        }
        return (Boolean) v;
    }

    private static Integer optInt(Map<String, Object> m, String k, String where) {
        Object v = m.get(k);
        if (v != null && !(v instanceof Integer)) {
            throw bad(where + ": \"" + k + "\" must be an integer");
        }
        return (Integer) v;
    }

    private static long nonNegative(Map<String, Object> m, String k, String where) {
        Object v = m.get(k);
        if (!(v instanceof Integer || v instanceof Long) || ((Number) v).longValue() < 0) {
            throw bad(where + ": \"" + k + "\" must be a non-negative integer");
        }
        return ((Number) v).longValue();
    }

    private static SessionException bad(String message) {
        return new SessionException(Kind.BAD_REQUEST, message);
    }
}
