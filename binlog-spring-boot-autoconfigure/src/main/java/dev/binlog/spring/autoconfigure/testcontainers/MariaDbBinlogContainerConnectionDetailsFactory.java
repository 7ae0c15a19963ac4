package dev.binlog.spring.autoconfigure.testcontainers;

import org.testcontainers.mariadb.MariaDBContainer;

/**
 * The binlog connection of a {@code @ServiceConnection} {@link MariaDBContainer} (see
 * {@link BinlogContainerConnectionDetailsFactory}). MariaDB's image logs no binlog by default: start it with
 * {@code withCommand("--log-bin", "--binlog-format=ROW")}.
 */
final class MariaDbBinlogContainerConnectionDetailsFactory
        extends BinlogContainerConnectionDetailsFactory<MariaDBContainer> {

    MariaDbBinlogContainerConnectionDetailsFactory() {
        super("org.testcontainers.mariadb.MariaDBContainer");
    }
}
