package dev.binlog.client;

import dev.binlog.BinlogPosition;
import dev.binlog.PositionNotFoundException;
import dev.binlog.ServerErrorException;
import dev.binlog.protocol.ResultRow;
import dev.binlog.protocol.ServerConnection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks, before the dump, that a start at a file position is in a binary log the server has, at the start of an
 * event, and not inside a transaction:
 * a dump begun at a rows event has no TABLE_MAP to decode it with, and one begun mid-transaction would deliver half
 * of it. {@code SHOW BINLOG EVENTS ... LIMIT 1} names the event there without reading the file from its start.
 */
final class TransactionBoundary {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionBoundary.class);

    /** Event types (as SHOW BINLOG EVENTS names them, lower case, without a version suffix) that only occur inside. */
    private static final Set<String> INSIDE = Set.of("table_map", "write_rows", "update_rows", "delete_rows",
            "partial_update_rows", "xid", "intvar", "rand", "user var", "rows_query", "annotate_rows",
            "write_rows_compressed", "update_rows_compressed", "delete_rows_compressed", "xa_prepare");

    /** ER_ERROR_WHEN_EXECUTING_COMMAND: SHOW BINLOG EVENTS could not read an event at that offset. */
    private static final int ERROR_WHEN_EXECUTING_COMMAND = 1220;

    static final String RESUME_HINT = "; start at a transaction's start or end, e.g. a change's"
            + " ChangeMetadata.transactionStart() or a commit's Transaction.committedPosition()";

    private TransactionBoundary() {
    }

    static void check(ServerConnection connection, BinlogPosition at) {
        String where = connection.serverInfo().endpoint();
        List<ResultRow> rows;
        try {
            rows = connection.query("SHOW BINLOG EVENTS IN '" + at.file().replace("\\", "\\\\").replace("'", "''")
                    + "' FROM " + at.position() + " LIMIT 1");
        } catch (ServerErrorException e) {
            String message = e.getMessage().toLowerCase(Locale.ROOT);
            if (message.contains("could not find target log")) {
                throw new PositionNotFoundException("the start position " + at + " is not on " + where + ": it has"
                        + " no binary log " + at.file() + " (purged?); start from StartPosition.earliest() or a file"
                        + " listed by SHOW BINARY LOGS", e);
            }
            if (e.errorCode() == ERROR_WHEN_EXECUTING_COMMAND) {
                throw new PositionNotFoundException(notAnEvent(at, where, serverSays(e)), e);
            }
            // e.g. a grant this account lacks: the dump itself will report a bad position
            LOG.debug("cannot check the start position {} on {}: {}", at, where, e.getMessage());
            return;
        }
        if (rows.isEmpty()) {
            checkNotPastTheEnd(connection, at, where);
            return; // the end of the file: what is written next starts a transaction
        }
        String type = rows.get(0).get("Event_type");
        if (type != null && INSIDE.contains(baseName(type))) {
            throw new PositionNotFoundException("the start position " + at + " on " + where + " is not the start of a"
                    + " transaction (a " + type + " event inside one is there)" + RESUME_HINT);
        }
    }

    private static void checkNotPastTheEnd(ServerConnection connection, BinlogPosition at, String where) {
        for (ResultRow log : connection.query("SHOW BINARY LOGS")) {
            if (log.get(0).equals(at.file())) {
                long size = Long.parseLong(log.get(1));
                if (at.position() > size) {
                    throw new PositionNotFoundException("the start position " + at + " on " + where + " is past the"
                            + " end of " + at.file() + " (" + size + " bytes)" + RESUME_HINT);
                }
                return;
            }
        }
    }

    private static String notAnEvent(BinlogPosition at, String where, String serverSays) {
        return "the start position " + at + " on " + where + " is not the start of an event (the server says: "
                + serverSays + ")" + RESUME_HINT;
    }

    /** The server's own words, after the "context: server error n (state): " prefix. */
    private static String serverSays(ServerErrorException e) {
        String message = e.getMessage();
        int colon = message.indexOf("): ");
        String text = colon < 0 ? message : message.substring(colon + 3);
        int command = text.indexOf("SHOW BINLOG EVENTS: ");
        return command < 0 ? text : text.substring(command + "SHOW BINLOG EVENTS: ".length());
    }

    /** {@code Write_rows_v1} → {@code write_rows}. */
    private static String baseName(String type) {
        String name = type.toLowerCase(Locale.ROOT);
        return name.matches(".*_v[0-9]$") ? name.substring(0, name.length() - 3) : name;
    }
}
