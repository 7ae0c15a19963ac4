/**
 * Testcontainers {@code @ServiceConnection} support: a MySQL or MariaDB container declared in a test is the server the
 * binlog stream connects to, through a {@link dev.binlog.spring.autoconfigure.BinlogConnectionDetails} bean that wins
 * over the {@code binlog.*} connection properties. Active only with {@code spring-boot-testcontainers} and the
 * container's Testcontainers module on the class path.
 */
package dev.binlog.spring.autoconfigure.testcontainers;
