package dev.binlog.client;

import dev.binlog.BinlogPosition;
import dev.binlog.GtidSet;
import dev.binlog.MariaDbGtidList;
import dev.binlog.ServerErrorException;
import dev.binlog.ServerSettings;
import dev.binlog.StartPosition;
import dev.binlog.io.ByteWriter;
import dev.binlog.protocol.PacketChannel;
import dev.binlog.protocol.PacketLimit;
import dev.binlog.protocol.ServerConnection;
import dev.binlog.protocol.ServerInfo;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One connection's binlog dump: session set-up (checksums, heartbeat, timeouts, MariaDB capabilities), optional
 * replica registration, the dump command, then event packets one at a time. A lost connection means a new stream.
 */
final class ReplicationStream implements AutoCloseable {

    private static final int COM_BINLOG_DUMP = 0x12;
    private static final int COM_REGISTER_SLAVE = 0x15;
    private static final int COM_BINLOG_DUMP_GTID = 0x1E;
    private static final int DUMP_NON_BLOCK = 0x01;
    private static final int DUMP_THROUGH_GTID = 0x04;
    /** MariaDB sends ANNOTATE_ROWS (the statement text before row events) only when asked. */
    private static final int DUMP_SEND_ANNOTATE_ROWS = 0x02;
    /** MariaDB: this replica understands GTID events (MARIA_SLAVE_CAPABILITY_GTID). */
    private static final int MARIADB_CAPABILITY_GTID = 4;
    /** The session's net_read_timeout and net_write_timeout: how long the server waits on a stalled client. */
    private static final int NET_TIMEOUT_SECONDS = 60;

    private final ServerConnection connection;
    private final PacketChannel channel;
    private final String where;
    private final String from;
    private final long serverId;
    private final boolean checksumOn;

    private ReplicationStream(ServerConnection connection, String where, String from, long serverId,
            boolean checksumOn) {
        this.connection = connection;
        this.channel = connection.channel();
        this.where = where;
        this.from = from;
        this.serverId = serverId;
        this.checksumOn = checksumOn;
    }

    /**
     * Connects and requests the dump from {@code from} (an {@link StartPosition.At}, or a
     * {@link StartPosition.Gtid} with a {@link GtidSet} or a {@link MariaDbGtidList}).
     */
    static ReplicationStream open(ServerSettings connectionSettings, ReplicationSettings settings,
            StartPosition from, boolean nonBlocking, UUID replicaUuid) {
        return open(connectionSettings, settings, from, nonBlocking, replicaUuid, () -> null, connection -> { });
    }

    /**
     * As above; {@code next} gives where the next event starts as far as the reader knows (null before the first),
     * for the error about an event larger than the maximum event size.
     */
    static ReplicationStream open(ServerSettings connectionSettings, ReplicationSettings settings,
            StartPosition from, boolean nonBlocking, UUID replicaUuid, Supplier<BinlogPosition> next,
            Consumer<ServerConnection> opened) {
        ServerConnection connection = ServerConnection.open(connectionSettings);
        try {
            opened.accept(connection);
            ServerInfo info = connection.serverInfo();
            // MySQL 8.4 renamed the replica-side variables to source_*; older servers and MariaDB read master_*
            connection.query("SET @master_binlog_checksum = @@global.binlog_checksum,"
                    + " @source_binlog_checksum = @@global.binlog_checksum");
            boolean checksumOn = !"NONE".equalsIgnoreCase(connection.queryString("SELECT @@global.binlog_checksum"));
            connection.query("SET SESSION net_read_timeout = " + NET_TIMEOUT_SECONDS + ", net_write_timeout = "
                    + NET_TIMEOUT_SECONDS);
            if (!settings.heartbeatPeriod().isZero()) {
                long nanos = settings.heartbeatPeriod().toNanos();
                connection.query("SET @master_heartbeat_period = " + nanos + ", @source_heartbeat_period = " + nanos);
            }
            if (info.isMariaDb()) {
                connection.query("SET @mariadb_slave_capability = " + MARIADB_CAPABILITY_GTID);
            } else {
                // lets the server tell two clients with the same server id apart and report it
                connection.query("SET @slave_uuid = '" + replicaUuid + "', @replica_uuid = '" + replicaUuid + "'");
            }
            String where = info.endpoint();
            ReplicationStream stream = new ReplicationStream(connection, where, describe(from), settings.serverId(),
                    checksumOn);
            if (settings.registerReplica()) {
                stream.register(connectionSettings);
            }
            stream.requestDump(from, nonBlocking, info.isMariaDb(), settings);
            String start = describe(from);
            stream.channel.limit(PacketLimit.binlogEvent(settings.maxEventSize(), () -> {
                BinlogPosition at = next.get();
                return " at or after " + (at != null ? at.toString() : "the start position (" + start + ")");
            }));
            // a stream read that times out names no stage: what is missing is the heartbeat, not an answer
            stream.channel.stage(() -> "");
            long readTimeout = settings.heartbeatPeriod().isZero() ? NET_TIMEOUT_SECONDS * 1000L
                    : settings.heartbeatPeriod().toMillis() * 2;
            channel(stream).readTimeout((int) Math.min(Integer.MAX_VALUE, readTimeout));
            return stream;
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    static String describe(StartPosition from) {
        if (from instanceof StartPosition.At at) {
            return at.position().toString();
        }
        if (from instanceof StartPosition.Gtid at && at.state() instanceof GtidSet executed) {
            return "GTID set " + executed;
        }
        if (from instanceof StartPosition.Gtid at && at.state() instanceof MariaDbGtidList state) {
            return "MariaDB GTID " + state;
        }
        return from.toString();
    }

    private static PacketChannel channel(ReplicationStream stream) {
        return stream.channel;
    }

    private void register(ServerSettings connectionSettings) {
        ByteWriter w = new ByteWriter(32);
        w.writeUint32(serverId).writeUint8(0).writeUint8(0).writeUint8(0) // host, user, password: not shown
                .writeUint16(0).writeUint32(0).writeUint32(0);
        connection.sendCommand(COM_REGISTER_SLAVE, w.array(), w.length());
        channel.stage(() -> " while waiting for the answer to COM_REGISTER_SLAVE");
        int length = channel.readPacket();
        if ((channel.buffer()[0] & 0xFF) == 0xFF) {
            throw errorPacket(length, "registering as replica " + serverId + " on " + where);
        }
    }

    private void requestDump(StartPosition from, boolean nonBlocking, boolean mariaDb, ReplicationSettings settings) {
        int flags = nonBlocking ? DUMP_NON_BLOCK : 0;
        ByteWriter w = new ByteWriter(64);
        if (from instanceof StartPosition.At at) {
            if (mariaDb) {
                flags |= DUMP_SEND_ANNOTATE_ROWS;
            }
            writeFileDump(w, at.position().file(), at.position().position(), flags);
            connection.sendCommand(COM_BINLOG_DUMP, w.array(), w.length());
        } else if (from instanceof StartPosition.Gtid at && at.state() instanceof MariaDbGtidList state) {
            connection.query("SET @slave_connect_state = '" + state + "'");
            // a reader of the log, not an applier: no strict-mode checks, no skipping of duplicate domains
            connection.query("SET @slave_gtid_strict_mode = 0, @slave_gtid_ignore_duplicates = 0");
            writeFileDump(w, "", 4, flags | DUMP_SEND_ANNOTATE_ROWS);
            connection.sendCommand(COM_BINLOG_DUMP, w.array(), w.length());
        } else if (from instanceof StartPosition.Gtid at && at.state() instanceof GtidSet executed) {
            byte[] data = executed.encode();
            w.writeUint16(flags | DUMP_THROUGH_GTID).writeUint32(serverId).writeUint32(0) // no file name
                    .writeInt64(4).writeUint32(data.length).writeBytes(data);
            connection.sendCommand(COM_BINLOG_DUMP_GTID, w.array(), w.length());
        } else {
            throw new IllegalArgumentException("unresolved start position " + from);
        }
    }

    private void writeFileDump(ByteWriter w, String file, long position, int flags) {
        w.writeUint32(position).writeUint16(flags).writeUint32(serverId)
                .writeBytes(file.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads the next event; returns false at the end of a non-blocking dump. The event is
     * {@code buffer()[1 .. 1 + eventLength())}.
     *
     * @throws dev.binlog.BinlogException from {@link DumpErrors} when the server sends an error
     */
    boolean next() {
        int length = channel.readPacket();
        int first = channel.buffer()[0] & 0xFF;
        if (first == 0x00) {
            return true;
        }
        if (first == 0xFE && length < 0xFFFFFF) {
            return false;
        }
        if (first == 0xFF) {
            throw DumpErrors.classify(errorPacket(length, "binlog dump from " + where), where, from,
                    serverId);
        }
        throw new dev.binlog.ProtocolException("unexpected packet 0x" + Integer.toHexString(first) + " in the"
                + " binlog stream from " + where, null, true);
    }

    private ServerErrorException errorPacket(int length, String context) {
        return connection.errorFromLastPacket(context);
    }

    byte[] buffer() {
        return channel.buffer();
    }

    int eventLength() {
        return channel.length() - 1;
    }

    ServerInfo serverInfo() {
        return connection.serverInfo();
    }

    /** Whether the server's binlog_checksum was other than NONE when we connected. */
    boolean checksumOn() {
        return checksumOn;
    }

    @Override
    public void close() {
        connection.quit();
    }
}
