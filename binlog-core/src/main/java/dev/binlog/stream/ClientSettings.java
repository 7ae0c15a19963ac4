package dev.binlog.stream;

import dev.binlog.ConfigurationException;
import dev.binlog.Lease;
import dev.binlog.PositionStore;
import dev.binlog.ReconnectPolicy;
import dev.binlog.SchemaSource;
import dev.binlog.ServerSettings;
import dev.binlog.StartPosition;
import dev.binlog.TableFilter;
import dev.binlog.client.ReplicationSettings;
import dev.binlog.event.decode.RowDecoding;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Immutable settings of a {@link BinlogClient}: the {@link ServerSettings} it connects with (also used by its
 * {@code information_schema} reader) and what to stream. Built with {@link BinlogClient#builder()}, where every
 * default is documented.
 *
 * @param server            how to reach and log in to the server
 * @param serverId          this client's {@code server_id} as a replica, or {@code null} for a random one
 * @param startPosition     where to start when the position store has nothing saved
 * @param filter            which tables and change types are delivered
 * @param positionStore     where committed positions are saved
 * @param schemaSource      where column names come from
 * @param heartbeatInterval how often the server sends a heartbeat on an idle stream
 * @param reconnect         when to reconnect after a lost connection
 * @param stopAtEnd         whether to stop at the end of the server's current binary log
 * @param registerReplica   whether the client registers as a replica, to be listed by {@code SHOW REPLICA HOSTS}
 * @param rowDecoding       when column values are decoded: when the event is read (default) or when first read
 * @param snapshot          whether and what to copy before following the binary log
 * @param maxEventSize      the largest binlog event accepted, in bytes ({@link #DEFAULT_MAX_EVENT_SIZE} by default);
 *                          a larger one stops the stream with a {@link dev.binlog.ProtocolException} before it is
 *                          buffered, so memory stays bounded by it
 * @param failover          other servers of the same replication topology, tried in order when {@code server} cannot
 *                          be reached (after the reconnect policy's attempts); the stream resumes there by its GTID
 *                          state
 * @param lease             asked before each event is handed on; once not held, the stream stops with a
 *                          {@link dev.binlog.FencedException}
 */
public record ClientSettings(
        ServerSettings server,
        Long serverId,
        StartPosition startPosition,
        TableFilter filter,
        PositionStore positionStore,
        SchemaSource schemaSource,
        Duration heartbeatInterval,
        ReconnectPolicy reconnect,
        boolean stopAtEnd,
        boolean registerReplica,
        RowDecoding rowDecoding,
        SnapshotSettings snapshot,
        long maxEventSize,
        Lease lease,
        List<ServerSettings> failover) {

    /** Default of {@link #maxEventSize}: 1 GiB, MySQL's largest {@code replica_max_allowed_packet}. */
    public static final long DEFAULT_MAX_EVENT_SIZE = ReplicationSettings.DEFAULT_MAX_EVENT_SIZE;

    public ClientSettings {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(startPosition, "startPosition");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(positionStore, "positionStore");
        Objects.requireNonNull(schemaSource, "schemaSource");
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        Objects.requireNonNull(reconnect, "reconnect");
        Objects.requireNonNull(rowDecoding, "rowDecoding");
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(lease, "lease");
        failover = List.copyOf(failover);
        if (serverId != null && (serverId <= 0 || serverId > 0xFFFFFFFFL)) {
            throw new ConfigurationException("server id " + serverId + " must be between 1 and 4294967295");
        }
        ReplicationSettings.checkMaxEventSize(maxEventSize);
    }

    /** The same settings, connecting to {@code other} first. */
    ClientSettings on(ServerSettings other) {
        return new ClientSettings(other, serverId, startPosition, filter, positionStore, schemaSource,
                heartbeatInterval, reconnect, stopAtEnd, registerReplica, rowDecoding, snapshot, maxEventSize, lease,
                failover);
    }

    /** Every server this client may stream from: {@code server}, then {@code failover}. */
    public List<ServerSettings> servers() {
        List<ServerSettings> all = new java.util.ArrayList<>();
        all.add(server);
        all.addAll(failover);
        return List.copyOf(all);
    }

    @Override
    public String toString() {
        return "ClientSettings[" + server + ", serverId=" + serverId + ", start=" + startPosition + ", " + filter
                + ", store=" + positionStore + ", " + reconnect + "]";
    }
}
