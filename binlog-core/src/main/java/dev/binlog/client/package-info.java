/**
 * The replication session: {@link dev.binlog.client.ReplicationClient} streams a server's binary log as
 * {@link dev.binlog.client.RawEvent}s to a {@link dev.binlog.client.RawEventListener}.
 *
 * <p>On {@code start()} the client checks the server (binary log on, {@code binlog_format=ROW},
 * {@code binlog_row_image=FULL} unless relaxed, non-zero {@code server_id}, the account's {@code REPLICATION SLAVE}
 * and {@code REPLICATION CLIENT} grants, {@code gtid_mode=ON} for a MySQL GTID start; a warning when
 * {@code binlog_row_metadata} is not FULL), resolves the start position once, then on every connection negotiates
 * checksums ({@code @master_binlog_checksum}), MariaDB GTID events ({@code @mariadb_slave_capability=4}), the
 * heartbeat and the session's network timeouts, and requests the dump.
 *
 * <p>Positions: each delivered event carries its file and start offset. A reconnect asks for the start of the
 * transaction in progress (its GTID event) and suppresses events already delivered, so every event reaches the
 * listener exactly once. Artificial events (the rotate the server makes up at the start of a dump, MariaDB's fake
 * GTID list) and heartbeats are not delivered as events; the FORMAT_DESCRIPTION the server re-sends when a dump
 * starts mid-file is delivered once, as position 4.
 */
package dev.binlog.client;
