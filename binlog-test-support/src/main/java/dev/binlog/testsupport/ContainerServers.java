package dev.binlog.testsupport;

import java.util.ArrayList;
import java.util.List;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.mariadb.MariaDBContainer;
import org.testcontainers.mysql.MySQLContainer;

/**
 * MySQL 8.0, 8.4, 9.x and MariaDB containers through Testcontainers, only where a Docker engine is reachable. Our
 * own machines have none; there these servers are simply absent from the matrix.
 */
final class ContainerServers {

    /** Images to start; override with {@code BINLOG_TEST_IMAGES=mysql:8.0,mysql:8.4,...}. */
    static final String DEFAULT_IMAGES = "mysql:8.0,mysql:8.4,mysql:9.4,mariadb:10.11,mariadb:11.4";

    private ContainerServers() {
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    static List<TestServer> start() {
        String images = System.getenv().getOrDefault("BINLOG_TEST_IMAGES", DEFAULT_IMAGES);
        List<TestServer> servers = new ArrayList<>();
        for (String image : images.split(",")) {
            servers.add(startOne(image.trim()));
        }
        return servers;
    }

    @SuppressWarnings("resource") // stopped by Testcontainers' reaper when the JVM exits
    private static TestServer startOne(String image) {
        String[] binlogArgs = {"--log-bin=mysql-bin", "--binlog-format=ROW", "--binlog-row-image=FULL",
            "--server-id=1", "--max-allowed-packet=1073741824"};
        JdbcDatabaseContainer<?> container = image.startsWith("mariadb")
                ? new MariaDBContainer(image) : new MySQLContainer(image);
        container.withCommand(binlogArgs).withUsername("root").withPassword("root-pw");
        container.start();
        ServerFlavor flavor = image.startsWith("mariadb") ? ServerFlavor.MARIADB : ServerFlavor.MYSQL;
        String version = image.substring(image.indexOf(':') + 1);
        return new ContainerServer(flavor, version, container);
    }

    private record ContainerServer(ServerFlavor flavor, String version, JdbcDatabaseContainer<?> container)
            implements TestServer {

        @Override
        public String name() {
            return flavor.displayName() + " " + version + " (container)";
        }

        @Override
        public String host() {
            return container.getHost();
        }

        @Override
        public int port() {
            return container.getMappedPort(3306);
        }

        @Override
        public String adminUser() {
            return "root";
        }

        @Override
        public String adminPassword() {
            return container.getPassword();
        }

        @Override
        public List<String> errorLogTail(int lines) {
            String[] all = container.getLogs().split("\n");
            return List.of(all).subList(Math.max(0, all.length - lines), all.length);
        }
    }
}
