package dev.binlog.spring.autoconfigure.testcontainers;

import dev.binlog.spring.autoconfigure.BinlogConnectionDetails;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;
import org.testcontainers.containers.JdbcDatabaseContainer;

/**
 * {@link BinlogConnectionDetails} for a {@code @ServiceConnection} MySQL or MariaDB container: its host and mapped
 * port, as {@code root}. The container's own user ({@code test} by default) has rights on its database only, while a
 * binlog stream needs REPLICATION SLAVE and REPLICATION CLIENT; Testcontainers gives {@code root} the container's
 * password ({@code MYSQL_ROOT_PASSWORD}), so {@code root} works out of the box.
 *
 * @param <C> the container type
 */
abstract class BinlogContainerConnectionDetailsFactory<C extends JdbcDatabaseContainer<?>>
        extends ContainerConnectionDetailsFactory<C, BinlogConnectionDetails> {

    /** The port MySQL and MariaDB listen on inside their images. */
    static final int SERVER_PORT = 3306;

    BinlogContainerConnectionDetailsFactory(String containerClass) {
        super(ANY_CONNECTION_NAME, containerClass);
    }

    @Override
    protected final BinlogConnectionDetails getContainerConnectionDetails(ContainerConnectionSource<C> source) {
        return new ContainerBinlogConnectionDetails<>(source);
    }

    /** Read from the container once it has started. */
    static final class ContainerBinlogConnectionDetails<C extends JdbcDatabaseContainer<?>>
            extends ContainerConnectionDetails<C> implements BinlogConnectionDetails {

        ContainerBinlogConnectionDetails(ContainerConnectionSource<C> source) {
            super(source);
        }

        @Override
        public String getHost() {
            return getContainer().getHost();
        }

        @Override
        public int getPort() {
            return getContainer().getMappedPort(SERVER_PORT);
        }

        @Override
        public String getUsername() {
            return "root";
        }

        @Override
        public String getPassword() {
            String password = getContainer().getPassword();
            return password == null ? "" : password;
        }

        @Override
        public String toString() {
            return "a Testcontainers @ServiceConnection [root@" + getContainer().getDockerImageName() + "]";
        }
    }
}
