package dev.binlog.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code mariadbd} process that the harness launches, stops, kills and restarts on its own data folder and port.
 * We launch the binary ourselves (instead of through a service) so that tests can crash and restart it.
 */
public final class MariaDbProcess implements TestServer {

    /** Server options every harness-launched server gets: the binary log in the form our product needs. */
    static final List<String> BINLOG_OPTIONS = List.of(
            "--log-bin=mysql-bin",
            "--binlog-format=ROW",
            "--binlog-row-image=FULL",
            "--server-id=1",
            "--max-allowed-packet=1073741824",
            "--character-set-server=utf8mb4",
            "--collation-server=utf8mb4_general_ci",
            "--innodb-buffer-pool-size=128M",
            "--innodb-log-file-size=16M",
            "--innodb-flush-log-at-trx-commit=2",
            "--sync-binlog=0");

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final String label;
    private final Path mariadbd;
    private final Path baseDir;
    private final Path dataDir;
    private final int port;
    private final List<String> extraOptions;
    private Process process;
    private String version;

    MariaDbProcess(String label, Path mariadbd, Path baseDir, Path dataDir, List<String> extraOptions) {
        this.label = label;
        this.mariadbd = mariadbd;
        this.baseDir = baseDir;
        this.dataDir = dataDir;
        this.port = freePort();
        this.extraOptions = List.copyOf(extraOptions);
    }

    @Override
    public String name() {
        return "MariaDB " + shortVersion() + " (" + label + ")";
    }

    private String shortVersion() {
        if (version == null) {
            return "?";
        }
        int dash = version.indexOf('-');
        return dash < 0 ? version : version.substring(0, dash);
    }

    @Override
    public ServerFlavor flavor() {
        return ServerFlavor.MARIADB;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String adminUser() {
        return "root";
    }

    @Override
    public String adminPassword() {
        return "";
    }

    public Path dataDir() {
        return dataDir;
    }

    Path errorLog() {
        return dataDir.resolve("error.log");
    }

    Path socket() {
        return dataDir.resolve("mysqld.sock");
    }

    @Override
    public List<String> errorLogTail(int lines) {
        try {
            if (!Files.exists(errorLog())) {
                return List.of("(no error log at " + errorLog() + ")");
            }
            List<String> all = Files.readAllLines(errorLog(), StandardCharsets.UTF_8);
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of("(error log unreadable: " + e + ")");
        }
    }

    @Override
    public boolean controllable() {
        return true;
    }

    @Override
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        List<String> command = new ArrayList<>();
        command.add(mariadbd.toString());
        command.add("--no-defaults");
        command.add("--basedir=" + baseDir);
        command.add("--datadir=" + dataDir);
        command.add("--port=" + port);
        command.add("--bind-address=127.0.0.1");
        command.add("--socket=" + socket());
        command.add("--pid-file=" + dataDir.resolve("mysqld.pid"));
        command.add("--log-error=" + errorLog());
        command.add("--tmpdir=" + dataDir.getParent());
        // Our machines and CI run as root, and mariadbd refuses that without this.
        command.add("--user=root");
        command.addAll(BINLOG_OPTIONS);
        command.addAll(extraOptions);
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(dataDir.getParent().resolve(dataDir.getFileName() + ".out").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot launch " + mariadbd, e);
        }
        awaitReady();
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(label + " mariadbd exited with " + process.exitValue()
                        + " while starting; error log tail:\n" + String.join("\n", errorLogTail(30)));
            }
            try (Connection c = socketConnection()) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT VERSION()")) {
                    rs.next();
                    version = rs.getString(1);
                }
                return;
            } catch (SQLException e) {
                last = e;
            }
            sleep(100);
        }
        throw new IllegalStateException(label + " mariadbd did not accept connections within " + START_TIMEOUT
                + " (" + last + "); error log tail:\n" + String.join("\n", errorLogTail(30)));
    }

    /** A root connection over the Unix socket, which works before any TCP user exists. */
    Connection socketConnection() throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://localhost/?localSocket=" + socket() + "&user=root");
    }

    @Override
    public synchronized void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy(); // SIGTERM: mariadbd shuts down cleanly
        waitForExit(Duration.ofSeconds(60));
    }

    @Override
    public synchronized void kill() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(10));
    }

    private void waitForExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
