package dev.binlog.client;

import dev.binlog.BinlogPosition;
import dev.binlog.PositionNotFoundException;
import dev.binlog.ServerSettings;
import dev.binlog.StartPosition;
import dev.binlog.protocol.ResultRow;
import dev.binlog.protocol.ServerConnection;
import dev.binlog.protocol.ServerInfo;
import java.util.List;
import java.util.UUID;

/**
 * Turns "earliest", "latest" and "at a time" into a concrete file and position once, at the first connection, so
 * that a reconnect never moves the start.
 */
final class StartPositionResolver {

    private StartPositionResolver() {
    }

    static StartPosition resolve(ServerConnection connection, ServerSettings connectionSettings,
            ReplicationSettings settings, UUID replicaUuid) {
        StartPosition start = settings.startPosition();
        if (start instanceof StartPosition.Earliest) {
            return new StartPosition.At(earliest(connection));
        }
        if (start instanceof StartPosition.Latest) {
            return new StartPosition.At(latest(connection));
        }
        if (start instanceof StartPosition.Timestamp at) {
            return new StartPosition.At(firstTransactionAtOrAfter(connection, connectionSettings, settings,
                    replicaUuid,
                    at.instant().getEpochSecond()));
        }
        if (start instanceof StartPosition.At at) {
            TransactionBoundary.check(connection, at.position());
        }
        return start;
    }

    static BinlogPosition earliest(ServerConnection connection) {
        List<ResultRow> logs = connection.query("SHOW BINARY LOGS");
        if (logs.isEmpty()) {
            throw new PositionNotFoundException("the server at " + connection.serverInfo().endpoint()
                    + " lists no binary logs; is log_bin on?");
        }
        return new BinlogPosition(logs.get(0).get(0), 4);
    }

    static BinlogPosition latest(ServerConnection connection) {
        ServerInfo info = connection.serverInfo();
        String sql = !info.isMariaDb() && info.atLeast(8, 2, 0) ? "SHOW BINARY LOG STATUS" : "SHOW MASTER STATUS";
        List<ResultRow> rows = connection.query(sql);
        if (rows.isEmpty()) {
            throw new PositionNotFoundException(sql + " on " + info.endpoint() + " returned nothing; is log_bin on?");
        }
        return new BinlogPosition(rows.get(0).get(0), Long.parseLong(rows.get(0).get(1)));
    }

    /**
     * Reads the whole log with a non-blocking dump from the earliest file and returns the first transaction whose
     * timestamp is at or after {@code epochSecond}, or the end of the log. Cost grows with the size of the log.
     */
    private static BinlogPosition firstTransactionAtOrAfter(ServerConnection connection,
            ServerSettings connectionSettings,
            ReplicationSettings settings, UUID replicaUuid, long epochSecond) {
        BinlogPosition from = earliest(connection);
        BinlogPosition end = latest(connection);
        ReplicationSettings scan = settings.toBuilder().registerReplica(false).build();
        try (ReplicationStream stream = ReplicationStream.open(connectionSettings, scan, new StartPosition.At(from),
                true, replicaUuid)) {
            String file = from.file();
            while (stream.next()) {
                byte[] b = stream.buffer();
                EventChecks.frame(b, 1, stream.eventLength(), connectionSettings.endpoint(), file);
                int type = EventHeader.type(b, 1);
                long next = EventHeader.nextPosition(b, 1);
                if (type == EventHeader.ROTATE) {
                    file = EventChecks.rotateName(EventHeader.rotateFile(b, 1, stream.eventLength(),
                            EventHeader.crcMatches(b, 1, stream.eventLength())), connectionSettings.endpoint(),
                            file);
                    continue;
                }
                if (EventHeader.startsTransaction(type) && next != 0
                        && EventHeader.timestamp(b, 1) >= epochSecond) {
                    return new BinlogPosition(file, next - stream.eventLength());
                }
            }
        }
        return end;
    }
}
