package dev.binlog.spring.autoconfigure.testcontainers;

import org.testcontainers.mysql.MySQLContainer;

/**
 * The binlog connection of a {@code @ServiceConnection} {@link MySQLContainer} (see
 * {@link BinlogContainerConnectionDetailsFactory}). MySQL 8 and later log row events by default.
 */
final class MySqlBinlogContainerConnectionDetailsFactory
        extends BinlogContainerConnectionDetailsFactory<MySQLContainer> {

    MySqlBinlogContainerConnectionDetailsFactory() {
        super("org.testcontainers.mysql.MySQLContainer");
    }
}
