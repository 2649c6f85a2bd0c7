package dev.kplay.web;

import dev.kplay.scenario.ScenarioCodec;
import dev.kplay.scenario.ScenarioPlayer;
import dev.kplay.session.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/*
 * Downloads: what a learner takes home from a session. The sources come as a zip of a module
 * directory that builds on a real Debian machine as it is (the session's own Makefile, or the
 * LKMPG one kplay's kbuild behaves as when there is none); one file of /root (a source, a built
 * X.ko) comes as itself; the session comes as a scenario file. Each answer is an attachment with a
 * file name and the content type a desktop gives that kind of file. Reads only: nothing is logged.
 */

/** GET /api/sessions/{id}/sources.zip, /download/{name} and /scenario.json. */
@RestController
public class DownloadController {
    /** Every zip entry carries this time, so the same files give the same bytes. */
    private static final FileTime EPOCH = FileTime.fromMillis(315532800000L);   // 1980-01-01, zip's first day

    private final SessionJobs jobs;
    private final ScenarioPlayer player;
    private final ScenarioCodec codec;

    public DownloadController(dev.kplay.session.SessionRegistry registry, ScenarioPlayer player, ScenarioCodec codec,
                              dev.kplay.session.SessionScheduler scheduler) {
        this.jobs = new SessionJobs(registry, scheduler);
        this.player = player;
        this.codec = codec;
    }

    /**
     * The sources as NAME.zip holding NAME/ with every file and a Makefile, and the files of ~/linux
     * the session changed (under NAME/linux/; the rest of that tree is Linux 6.1.192's own).
     */
    @GetMapping("/api/sessions/{id}/sources.zip")
    public CompletableFuture<ResponseEntity<byte[]>> sources(@PathVariable String id) {
        return jobs.on(id, s -> sources(s));
    }

    private static ResponseEntity<byte[]> sources(Session s) {
        Map<String, String> files = new TreeMap<>();
        Map<String, String> stockTree = dev.kplay.cc.kbuild.Vmlinux.stockTree();
        for (String name : s.fileNames()) {
            String text = s.file(name);
            if (!name.startsWith("linux/") || !text.equals(stockTree.get(name.substring("linux/".length())))) {
                files.put(name, text);
            }
        }
        String dir = directoryName(files);
        return attachment(dir + ".zip", "application/zip", zip(dir, withMakefile(files)));
    }

    /** One regular file of /root: a source, a built X.ko, or what a command wrote there. */
    @GetMapping("/api/sessions/{id}/download/{name}")
    public CompletableFuture<ResponseEntity<byte[]>> file(@PathVariable String id, @PathVariable String name) {
        return jobs.on(id, s -> {
            byte[] bytes = s.rootFile(name);
            return attachment(name, contentType(name, bytes), bytes);
        });
    }

    /** The session as a scenario file (with what each step printed), as GET .../scenario gives it. */
    @GetMapping("/api/sessions/{id}/scenario.json")
    public CompletableFuture<ResponseEntity<byte[]>> scenario(@PathVariable String id) {
        return jobs.on(id, s -> {
            String json = codec.write(player.record(s.events(), null, null)) + "\n";
            return attachment("kplay-" + shortId(s.id()) + ".scenario.json", "application/json",
                    json.getBytes(StandardCharsets.UTF_8));
        });
    }

    /** The module's (or program's) name when the directory has one source, else "kplay-module". */
    static String directoryName(Map<String, String> files) {
        List<String> sources = files.keySet().stream().filter(n -> n.endsWith(".c") && !n.contains("/")).toList();
        boolean ownMakefile = files.containsKey("Makefile") || files.containsKey("Kbuild") || files.containsKey("makefile");
        return sources.size() == 1 && !ownMakefile ? sources.get(0).substring(0, sources.get(0).length() - 2) : "kplay-module";
    }

    /** A user program's source: it defines main(). */
    private static final java.util.regex.Pattern MAIN = java.util.regex.Pattern.compile("(?m)^\\s*int\\s+main\\s*\\(");

    /**
     * The files plus, if they have no Makefile or Kbuild, the Makefile of The Linux Kernel Module
     * Programming Guide listing every module source (what kplay's kbuild does without one), and a
     * gcc line for each user program (a .c with main(), built with gcc in the terminal).
     */
    static Map<String, String> withMakefile(Map<String, String> files) {
        if (files.containsKey("Makefile") || files.containsKey("Kbuild") || files.containsKey("makefile")) {
            return files;
        }
        StringBuilder mk = new StringBuilder();
        List<String> programs = new java.util.ArrayList<>();
        for (Map.Entry<String, String> f : files.entrySet()) {
            String name = f.getKey();
            if (!name.endsWith(".c") || name.contains("/")) {
                continue;   // ~/linux's sources build with its own Makefile
            }
            String base = name.substring(0, name.length() - 2);
            if (MAIN.matcher(f.getValue()).find()) {
                programs.add(base);
            } else {
                mk.append("obj-m += ").append(base).append(".o\n");
            }
        }
        boolean modules = mk.length() > 0;
        mk.append(modules ? "\n" : "").append("PWD := $(CURDIR)\n\nall:\n");
        if (modules) {
            mk.append("\t$(MAKE) -C /lib/modules/$(shell uname -r)/build M=$(PWD) modules\n");
        }
        for (String p : programs) {
            mk.append("\tgcc -o ").append(p).append(' ').append(p).append(".c\n");
        }
        mk.append("\nclean:\n");
        if (modules) {
            mk.append("\t$(MAKE) -C /lib/modules/$(shell uname -r)/build M=$(PWD) clean\n");
        }
        for (String p : programs) {
            mk.append("\trm -f ").append(p).append('\n');
        }
        Map<String, String> all = new TreeMap<>(files);
        all.put("Makefile", mk.toString());
        return all;
    }

    static byte[] zip(String dir, Map<String, String> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                ZipEntry e = new ZipEntry(dir + "/" + f.getKey());
                e.setLastModifiedTime(EPOCH);
                zip.putNextEntry(e);
                zip.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** What a desktop calls the file: C source and header, a kernel object, text, or bytes. */
    static String contentType(String name, byte[] bytes) {
        if (name.endsWith(".ko") || name.endsWith(".o")) {
            return "application/x-object";
        } else if (bytes.length >= 4 && bytes[0] == 0x7f && bytes[1] == 'E' && bytes[2] == 'L' && bytes[3] == 'F') {
            return "application/x-executable";   // a user program gcc built in the terminal
        } else if (name.endsWith(".c")) {
            return "text/x-csrc; charset=utf-8";
        } else if (name.endsWith(".h")) {
            return "text/x-chdr; charset=utf-8";
        }
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            return "text/plain; charset=utf-8";
        } catch (CharacterCodingException binary) {
            return "application/octet-stream";
        }
    }

    private static String shortId(String id) {
        return id.length() > 8 ? id.substring(0, 8) : id;
    }

    private static ResponseEntity<byte[]> attachment(String fileName, String type, byte[] body) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName).build().toString())
                .contentType(MediaType.parseMediaType(type))
                .body(body);
    }
}
