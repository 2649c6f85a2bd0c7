package dev.kplay.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/*
 * A real, throwaway PostgreSQL server for tests: Debian's `postgresql` package (initdb, pg_ctl
 * under /usr/lib/postgresql/N/bin), a cluster in a temporary directory, listening on a free
 * loopback port, trust authentication for the one user "kplay". As root (CI) the cluster belongs
 * to the `postgres` user the package creates, since PostgreSQL refuses to run as root. A missing
 * package fails the test with the command that installs it: the PostgreSQL store must be tested.
 */

/** Starts a PostgreSQL cluster in a temp dir; close() stops it and deletes the dir. */
public final class PostgresServer implements AutoCloseable {
    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asPostgres;

    private PostgresServer(Path bin, Path dir, int port, boolean asPostgres) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asPostgres = asPostgres;
    }

    /** initdb + pg_ctl start; throws with the install command if PostgreSQL is not installed. */
    public static PostgresServer start() throws IOException, InterruptedException {
        Path bin = findBin();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("kplay-pg-");
        if (root) {
            run(List.of("chown", "postgres:postgres", dir.toString()), false);
        }
        int port = freePort();
        PostgresServer pg = new PostgresServer(bin, dir, port, root);
        pg.pg("initdb", "-D", dir.resolve("data").toString(), "-U", "kplay", "-A", "trust", "-E", "UTF8",
                "--no-sync", "--locale=C");
        pg.pg("pg_ctl", "-D", dir.resolve("data").toString(), "-l", dir.resolve("log").toString(), "-w", "-t", "60",
                "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
        return pg;
    }

    /** The JDBC URL of the server's "postgres" database (user "kplay", no password). */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public String user() { return "kplay"; }

    /** Drops and recreates the public schema, so each test starts from an empty database. */
    public void reset() throws IOException, InterruptedException {
        pg("psql", "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", "kplay", "-d", "postgres", "-q", "-c",
                "DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            pg("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void pg(String tool, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (asPostgres) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.add(bin.resolve(tool).toString());
        cmd.addAll(List.of(args));
        run(cmd, true);
    }

    private static void run(List<String> cmd, boolean inTmp) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (inTmp) {
            pb.directory(Path.of(System.getProperty("java.io.tmpdir")).toFile());
        }
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed:\n" + new String(out, StandardCharsets.UTF_8));
        }
    }

    private static Path findBin() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                Path bin = versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))))
                        .orElse(null);
                if (bin != null) {
                    return bin;
                }
            }
        }
        throw new IOException("PostgreSQL is not installed: run `apt-get install -y postgresql` (./kplay test and .ci/run do this)");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
