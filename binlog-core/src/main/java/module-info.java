/**
 * MySQL/MariaDB replication client and binlog decoder, on the JDK, SLF4J and zstd-jni alone (no Spring).
 *
 * <p>Two tiers are exported:
 * <ul>
 *   <li>The user API, what an application imports to stream changes: {@code dev.binlog} (the vocabulary every layer
 *       speaks: {@code RowChange}, {@code Transaction}, {@code BinlogPosition}, {@code GtidSet}, {@code PositionStore},
 *       the exceptions) and {@code dev.binlog.stream} ({@code BinlogClient} for a live server, {@code BinlogFiles} for
 *       files on disk, {@code ClientSettings}, {@code ServerTables}).</li>
 *   <li>The low-level tier, for tools that want events rather than row changes: {@code dev.binlog.event} (one
 *       immutable record per event type), {@code dev.binlog.event.decode} ({@code EventDecoder} and the
 *       {@code EventDecoderRegistry} through which one event type's decoder is replaced), {@code dev.binlog.value}
 *       (column values: decimals, temporals, JSON, geometry), {@code dev.binlog.file} ({@code BinlogFileReader}) and
 *       {@code dev.binlog.io} (the little-endian {@code ByteCursor} a replacement decoder reads its event body with).</li>
 * </ul>
 *
 * <p>Not exported, free to change between releases: {@code dev.binlog.protocol} (packets, handshake, TLS) and
 * {@code dev.binlog.client} (the replication session under {@code BinlogClient}). Their types are public only because
 * another package of this module calls them.
 */
module dev.binlog.core {
    requires org.slf4j;
    // MySQL 8.0.20+ TRANSACTION_PAYLOAD events are zstd-compressed.
    requires com.github.luben.zstd_jni;
    // A position store in dev.binlog takes a javax.sql.DataSource, so users of this module read java.sql too.
    requires transitive java.sql;

    // User API
    exports dev.binlog;
    exports dev.binlog.stream;

    // Low-level tier for tools
    exports dev.binlog.event;
    exports dev.binlog.event.decode;
    exports dev.binlog.value;
    exports dev.binlog.file;
    exports dev.binlog.io;
}
