package dev.binlog.stream;

import dev.binlog.BinlogPosition;
import dev.binlog.GtidSet;
import dev.binlog.MariaDbGtid;
import dev.binlog.MariaDbGtidList;
import dev.binlog.MissingGtidsException;
import dev.binlog.StartPosition;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a saved position resumes on the server at hand. A file and offset only mean something on the server that
 * wrote them: when the saved GTID state says this server has another history (a promoted replica, a server moved to
 * another host), the stream resumes by that GTID state instead, after checking that the server has every GTID in it.
 */
final class ResumePoints {

    private static final Logger LOG = LoggerFactory.getLogger(ResumePoints.class);

    private ResumePoints() {
    }

    /**
     * @throws MissingGtidsException when the server lacks GTIDs of the saved state
     */
    static StartPosition of(BinlogPosition saved, SqlQueries server, String endpoint) {
        StartPosition byFile = StartPosition.at(saved.file(), saved.position());
        if (saved.gtidState() instanceof MariaDbGtidList state) {
            String atFile = mariaDbStateAt(server, saved.file(), saved.position());
            if (atFile != null && sameList(atFile, state)) {
                return byFile;
            }
            String executed = single(server, "SELECT @@GLOBAL.gtid_binlog_pos");
            if (atFile == null && executed == null) {
                LOG.warn("{} answers neither BINLOG_GTID_POS nor @@gtid_binlog_pos; resuming at {} by file and offset",
                        endpoint, saved);
                return byFile;
            }
            checkMariaDb(state, executed == null ? MariaDbGtidList.empty() : MariaDbGtidList.parse(executed),
                    endpoint);
            LOG.info("{} is not where {} was saved (its binary log there holds {}); resuming by GTID {}", endpoint,
                    saved, atFile == null ? "no such position" : "GTIDs " + atFile, state);
            return StartPosition.gtid(state);
        }
        if (saved.gtidState() instanceof GtidSet state) {
            String missing = single(server, "SELECT GTID_SUBTRACT(" + InformationSchemaReader.quote(state.toString())
                    + ", @@GLOBAL.gtid_executed)");
            if (missing != null && !missing.isBlank()) {
                throw missing(saved, missing, endpoint);
            }
            return StartPosition.gtid(state);
        }
        return byFile;
    }

    private static void checkMariaDb(MariaDbGtidList state, MariaDbGtidList executed, String endpoint) {
        List<String> missing = new ArrayList<>();
        for (MariaDbGtid gtid : executed.notReached(state)) {
            missing.add(gtid + " (the server has " + executed.get(gtid.domainId()).map(Object::toString)
                    .orElse("nothing of domain " + gtid.domainId()) + ")");
        }
        if (!missing.isEmpty()) {
            throw new MissingGtidsException("the server at " + endpoint + " lacks transactions this client already"
                    + " delivered, up to " + String.join(", ", missing) + ": they never reached it (a failover to a"
                    + " replica that was behind, or errant transactions), so resuming there would skip or repeat"
                    + " changes. Point the client at a server that has them, or, accepting that they are not on this"
                    + " server, start from its current state (SELECT @@gtid_binlog_pos) with a new position",
                    String.join(",", state.gtids().stream().map(Object::toString).toList()));
        }
    }

    private static MissingGtidsException missing(BinlogPosition saved, String missing, String endpoint) {
        return new MissingGtidsException("the server at " + endpoint + " lacks the GTIDs " + missing + " that this"
                + " client already delivered (saved at " + saved + "): they never reached it (a failover to a replica"
                + " that was behind, or errant transactions), so resuming there would skip or repeat changes. Point"
                + " the client at a server that has them, or, accepting that they are not on this server, start from"
                + " its @@gtid_executed with a new position", missing);
    }

    /** MariaDB's GTID state at a file and offset of its binary log, or {@code null} when it names none. */
    static String mariaDbStateAt(SqlQueries server, String file, long position) {
        return single(server, "SELECT BINLOG_GTID_POS(" + InformationSchemaReader.quote(file) + ", " + position + ")");
    }

    private static boolean sameList(String text, MariaDbGtidList state) {
        try {
            return MariaDbGtidList.parse(text).equals(state);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The one value a query returns; {@code null} for SQL NULL or when the server refuses the query. */
    private static String single(SqlQueries server, String sql) {
        List<String[]> rows;
        try {
            rows = server.query(sql);
        } catch (dev.binlog.ServerErrorException e) {
            LOG.debug("{} refused [{}]: {}", server, sql, e.getMessage());
            return null;
        }
        return rows.isEmpty() || rows.get(0).length == 0 ? null : rows.get(0)[0];
    }
}
