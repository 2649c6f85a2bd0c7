package dev.kplay.web;

import dev.kplay.cc.diag.Diagnostic;
import dev.kplay.cc.kbuild.BuildResult;
import dev.kplay.kernel.KernelSnapshot;
import dev.kplay.session.Session;
import dev.kplay.session.SessionException;
import dev.kplay.session.SessionRegistry;
import dev.kplay.session.SessionScheduler;
import dev.kplay.userland.sh.Shell;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import tools.jackson.databind.json.JsonMapper;

/*
 * The HTTP contract of DESIGN.md, one handler per line of it. Thin: each handler finds the
 * session and calls one Session method; the buttons (insmod, rmmod) are shell commands, so their
 * results are the same command results exec returns.
 *
 * The calls a user makes most read their JSON body with JsonBody instead of @RequestBody (the
 * same answers, a fraction of the request thread's work).
 *
 * Every call on a session goes through the server's scheduler (SessionJobs, SessionScheduler) and
 * is answered asynchronously: finding the session (a rebuild by replay if it was parked), creating
 * one (a boot, a scenario's replay), its work and its end all run on the scheduler's workers; the
 * request thread is free at once, the answer goes out when the work is done (a command's when its
 * wall time has passed).
 */

/** REST endpoints under /api/sessions. */
@RestController
@RequestMapping("/api/sessions")
public class SessionController {
    private final SessionRegistry registry;

    private final ScenarioController scenarios;

    private final SessionJobs jobs;

    private final JsonMapper json;

    public SessionController(SessionRegistry registry, ScenarioController scenarios, SessionScheduler scheduler,
                             JsonMapper json) {
        this.registry = registry;
        this.scenarios = scenarios;
        this.jobs = new SessionJobs(registry, scheduler);
        this.json = json;
    }

    /** Runs {@code work} on the session's lane of the scheduler (found there too); the answer is its value. */
    private <T> CompletableFuture<T> on(String id, Function<Session, T> work) {
        return jobs.on(id, work);
    }

    public record ExecRequest(String command, Long timeoutMs) {}

    public record InsmodRequest(String module, String params) {}

    public record RmmodRequest(String module) {}

    public record SignalRequest(String signal) {}

    public record InputRequest(String text) {}

    /** A fresh session, or with {"scenario": {...}} or {"link": "ID"} one that replayed it (and its timeline). */
    @PostMapping
    public CompletableFuture<ResponseEntity<Map<String, Object>>> create(@RequestBody(required = false) Map<String, Object> body) {
        java.util.function.Supplier<dev.kplay.scenario.Scenario> named = scenarios.scenarioOf(body);
        // a link's read from the store, and the boot or the scenario's replay, run on a worker of the scheduler
        return jobs.create(() -> {
            dev.kplay.scenario.Scenario scenario = named.get();
            return ResponseEntity.status(HttpStatus.CREATED)
                    .body(scenario != null ? scenarios.play(scenario, Map.of()) : identity(registry.create(null)));
        });
    }

    @GetMapping("/{id}")
    public CompletableFuture<Map<String, Object>> state(@PathVariable String id) {
        return on(id, SessionController::state);
    }

    private static Map<String, Object> state(Session s) {
        KernelSnapshot snap = s.snapshot();
        Map<String, Object> m = identity(s);
        List<Map<String, Object>> modules = new ArrayList<>();
        for (KernelSnapshot.ModuleInfo mi : snap.modules()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("name", mi.name());
            x.put("size", mi.size());
            x.put("refcount", mi.refcnt());
            x.put("state", mi.state());
            modules.add(x);
        }
        List<Map<String, Object>> tasks = new ArrayList<>();
        for (KernelSnapshot.TaskInfo t : snap.tasks()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("pid", t.pid());
            x.put("ppid", t.ppid());
            x.put("comm", t.comm());
            x.put("state", String.valueOf(t.state()));
            tasks.add(x);
        }
        m.put("modules", modules);
        m.put("tasks", tasks);
        m.put("taint", snap.taintFlags());
        m.put("taintMask", snap.taintMask());
        m.put("uptime", snap.uptimeNanos() / 1e9);
        m.put("uptimeNanos", snap.uptimeNanos());
        m.put("boots", s.boots());
        m.put("cmdline", s.cmdline());   // the boot parameters after "console=ttyS0 panic=1"
        m.put("artifacts", s.artifacts());   // what builds made (X.ko, executables): downloadable without a new build
        m.put("panic", snap.panic());   // the panic() reason once the kernel is dead until Reboot, else null
        return m;
    }

    @DeleteMapping("/{id}")
    public CompletableFuture<ResponseEntity<Void>> delete(@PathVariable String id) {
        return jobs.delete(id).thenApply(v -> ResponseEntity.noContent().build());
    }

    @PutMapping("/{id}/files/{name}")
    public CompletableFuture<ResponseEntity<Void>> putFile(@PathVariable String id, @PathVariable String name,
                                                           @RequestBody(required = false) String text) {
        return on(id, s -> {
            s.putFile(name, text == null ? "" : text);
            return ResponseEntity.noContent().build();
        });
    }

    @GetMapping("/{id}/files")
    public CompletableFuture<List<String>> files(@PathVariable String id) {
        return on(id, Session::fileNames);
    }

    @GetMapping(value = "/{id}/files/{name}", produces = MediaType.TEXT_PLAIN_VALUE)
    public CompletableFuture<String> file(@PathVariable String id, @PathVariable String name) {
        return on(id, s -> s.file(name));
    }

    @DeleteMapping("/{id}/files/{name}")
    public CompletableFuture<ResponseEntity<Void>> deleteFile(@PathVariable String id, @PathVariable String name) {
        return on(id, s -> {
            s.deleteFile(name);
            return ResponseEntity.noContent().build();
        });
    }

    // ---- ~/linux: paths inside the kernel tree ("linux/kernel/sys.c") ----------------------------

    @PutMapping("/{id}/files/linux/**")
    public CompletableFuture<ResponseEntity<Void>> putTreeFile(@PathVariable String id, HttpServletRequest request,
                                                               @RequestBody(required = false) String text) {
        String name = treeName(id, request);
        return on(id, s -> {
            s.putFile(name, text == null ? "" : text);
            return ResponseEntity.noContent().build();
        });
    }

    @GetMapping(value = "/{id}/files/linux/**", produces = MediaType.TEXT_PLAIN_VALUE)
    public CompletableFuture<String> treeFile(@PathVariable String id, HttpServletRequest request) {
        String name = treeName(id, request);
        return on(id, s -> s.file(name));
    }

    @DeleteMapping("/{id}/files/linux/**")
    public CompletableFuture<ResponseEntity<Void>> deleteTreeFile(@PathVariable String id, HttpServletRequest request) {
        String name = treeName(id, request);
        return on(id, s -> {
            s.deleteFile(name);
            return ResponseEntity.noContent().build();
        });
    }

    /** "linux/<path>" from the request's path after /files/ (decoded; Session checks it). */
    private static String treeName(String id, HttpServletRequest request) {
        String uri = request.getRequestURI();
        int at = uri.indexOf("/files/linux/");
        String raw = at < 0 ? "" : uri.substring(at + "/files/".length());
        return java.net.URLDecoder.decode(raw.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    }

    @PostMapping("/{id}/build")
    public CompletableFuture<Map<String, Object>> build(@PathVariable String id, HttpServletRequest request)
            throws IOException, HttpMediaTypeNotSupportedException {
        JsonBody.read(request, json, Map.class, false);     // any JSON object, ignored
        return on(id, s -> buildResult(s.build()));
    }

    private static Map<String, Object> buildResult(BuildResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", r.ok());
        m.put("output", r.output());
        List<Map<String, Object>> diags = new ArrayList<>();
        for (Diagnostic d : r.diagnostics()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("file", d.file());
            x.put("line", d.line());
            x.put("column", d.column());
            x.put("severity", d.severity());
            x.put("message", d.message());
            diags.add(x);
        }
        m.put("diagnostics", diags);
        m.put("artifacts", new ArrayList<>(new TreeSet<>(r.artifacts().keySet())));
        return m;
    }

    @PostMapping("/{id}/insmod")
    public CompletableFuture<Shell.Result> insmod(@PathVariable String id, HttpServletRequest request)
            throws IOException, HttpMediaTypeNotSupportedException {
        InsmodRequest body = JsonBody.read(request, json, InsmodRequest.class, true);
        String line = Session.insmodLine(body.module(), body.params());
        return jobs.exec(id, line, null);
    }

    @PostMapping("/{id}/rmmod")
    public CompletableFuture<Shell.Result> rmmod(@PathVariable String id, HttpServletRequest request)
            throws IOException, HttpMediaTypeNotSupportedException {
        RmmodRequest body = JsonBody.read(request, json, RmmodRequest.class, true);
        String line = Session.rmmodLine(body.module());
        return jobs.exec(id, line, null);
    }

    @PostMapping("/{id}/exec")
    public CompletableFuture<Shell.Result> exec(@PathVariable String id, HttpServletRequest request)
            throws IOException, HttpMediaTypeNotSupportedException {
        ExecRequest body = JsonBody.read(request, json, ExecRequest.class, true);
        return jobs.exec(id, body.command(), body.timeoutMs());
    }

    /**
     * The command result of the blocked foreground job the signal reached (ended or still running),
     * or {"signal", "delivered"}: true when it interrupted the command running right now (that
     * command's exec call answers), false when no job was there.
     */
    @PostMapping("/{id}/signal")
    public CompletableFuture<Object> signal(@PathVariable String id, @RequestBody SignalRequest body) {
        int sig = parseSignal(body.signal());
        return jobs.signal(id, sig).thenApply(r -> {
            if (r.result() != null) {
                return r.result();
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("signal", sig);
            m.put("delivered", r.delivered());
            return m;
        });
    }

    /**
     * Keys typed at the terminal while a foreground job runs ({"text": "a line\n"}, ^D as "\u0004"):
     * the tty's line discipline takes them; the answer is a command result whose output is the
     * echo and what the job printed after reading them.
     */
    @PostMapping("/{id}/input")
    public CompletableFuture<Shell.Result> input(@PathVariable String id, @RequestBody InputRequest body) {
        return on(id, s -> s.typed(body.text()));
    }

    @GetMapping(value = "/{id}/dmesg", produces = MediaType.TEXT_PLAIN_VALUE)
    public CompletableFuture<String> dmesg(@PathVariable String id) {
        return on(id, Session::dmesg);
    }

    /** A fresh kernel; {"cmdline": "..."} boots it with those parameters instead of the current ones. */
    @PostMapping("/{id}/reboot")
    public CompletableFuture<Map<String, Object>> reboot(@PathVariable String id, HttpServletRequest request)
            throws IOException, HttpMediaTypeNotSupportedException {
        @SuppressWarnings("unchecked")
        Map<String, Object> body = JsonBody.read(request, json, Map.class, false);
        Object kernel = body == null ? null : body.get("kernel");
        if (kernel != null && !"stock".equals(kernel) && !"built".equals(kernel)) {
            throw new SessionException(SessionException.Kind.BAD_REQUEST,
                    "\"kernel\" is \"stock\" (Debian's 6.1.0-56-amd64) or \"built\" (the newest build of ~/linux)");
        }
        Object cmdline = body == null ? null : body.get("cmdline");
        if (cmdline != null && !(cmdline instanceof String)) {
            throw new SessionException(SessionException.Kind.BAD_REQUEST, "\"cmdline\" must be a string");
        }
        return on(id, s -> {
            s.reboot("stock".equals(kernel), (String) cmdline);
            return identity(s);
        });
    }

    private static Map<String, Object> identity(Session s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("kernel", s.kernelRelease());
        return m;
    }

    private static final List<String> SIGNALS = List.of("", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE",
            "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM");

    /** "INT", "SIGINT", "int" or "2". */
    static int parseSignal(String s) {
        if (s == null || s.isBlank()) {
            throw new SessionException(SessionException.Kind.BAD_REQUEST, "missing \"signal\"");
        }
        String up = s.trim().toUpperCase(Locale.ROOT);
        if (up.matches("\\d{1,2}") && Integer.parseInt(up) >= 1 && Integer.parseInt(up) <= 64) {
            return Integer.parseInt(up);
        }
        int i = SIGNALS.indexOf(up.startsWith("SIG") ? up.substring(3) : up);
        if (i <= 0) {
            throw new SessionException(SessionException.Kind.BAD_REQUEST, "unknown signal: " + s);
        }
        return i;
    }
}
