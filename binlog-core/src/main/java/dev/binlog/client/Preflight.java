package dev.binlog.client;

import dev.binlog.ConfigurationException;
import dev.binlog.GtidSet;
import dev.binlog.GtidState;
import dev.binlog.MariaDbGtidList;
import dev.binlog.StartPosition;
import dev.binlog.protocol.ResultRow;
import dev.binlog.protocol.ServerConnection;
import dev.binlog.protocol.ServerInfo;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks, before streaming, that the server writes a row-based binary log we can read and that our account may
 * read it; each failure names the setting or grant and the fix.
 */
final class Preflight {

    private static final Logger LOG = LoggerFactory.getLogger(Preflight.class);

    private Preflight() {
    }

    static void check(ServerConnection connection, ReplicationSettings settings) {
        ServerInfo info = connection.serverInfo();
        String where = info.endpoint();
        checkGrants(connection, where);
        ResultRow vars = connection.query("SELECT @@global.log_bin AS log_bin, @@global.binlog_format AS"
                + " binlog_format, @@global.binlog_row_image AS binlog_row_image, @@global.server_id AS server_id")
                .get(0);
        if (!"1".equals(vars.get("log_bin"))) {
            throw new ConfigurationException("the server at " + where + " has the binary log off (log_bin=OFF);"
                    + " start it with --log-bin and --binlog-format=ROW");
        }
        if (!"ROW".equalsIgnoreCase(vars.get("binlog_format"))) {
            throw new ConfigurationException("the server at " + where + " has binlog_format=" + vars.get(
                    "binlog_format") + "; row changes need SET GLOBAL binlog_format='ROW' (and binlog_format=ROW in"
                    + " the server configuration)");
        }
        if (!"FULL".equalsIgnoreCase(vars.get("binlog_row_image"))) {
            throw new ConfigurationException("the server at " + where + " has binlog_row_image="
                    + vars.get("binlog_row_image") + "; full before/after rows need SET GLOBAL"
                    + " binlog_row_image='FULL'; a live stream takes full row images only (BinlogFiles reads binlog files with"
                    + " partial ones)");
        }
        if ("0".equals(vars.get("server_id"))) {
            throw new ConfigurationException("the server at " + where + " has server_id=0, which refuses"
                    + " replicas; set server_id to a non-zero value in the server configuration");
        }
        if (settings.serverId() == Long.parseLong(vars.get("server_id"))) {
            throw new ConfigurationException("the client's server id " + settings.serverId() + " equals the"
                    + " server_id of " + where + "; choose another server id (BinlogClient.Builder.serverId)");
        }
        checkRowMetadata(connection, info, where);
        GtidState gtidStart = settings.startPosition() instanceof StartPosition.Gtid gtid ? gtid.state() : null;
        if (gtidStart instanceof GtidSet) {
            if (info.isMariaDb()) {
                throw new ConfigurationException("a MySQL GTID set start position was given but " + where
                        + " is MariaDB; use StartPosition.gtid(MariaDbGtidList)");
            }
            String mode = connection.queryString("SELECT @@global.gtid_mode");
            if (!"ON".equalsIgnoreCase(mode)) {
                throw new ConfigurationException("starting from a GTID set needs gtid_mode=ON on " + where
                        + " (it is " + mode + "); set gtid_mode=ON and enforce_gtid_consistency=ON, or start from"
                        + " a file and position");
            }
        }
        if (gtidStart instanceof MariaDbGtidList && !info.isMariaDb()) {
            throw new ConfigurationException("a MariaDB GTID start position was given but " + where
                    + " is MySQL; use StartPosition.gtid(GtidSet)");
        }
    }

    private static void checkRowMetadata(ServerConnection connection, ServerInfo info, String where) {
        boolean hasVariable = info.isMariaDb() ? info.atLeast(10, 5, 0) : info.atLeast(8, 0, 1);
        if (hasVariable) {
            String metadata = connection.queryString("SELECT @@global.binlog_row_metadata");
            if (!"FULL".equalsIgnoreCase(metadata)) {
                LOG.warn("{} has binlog_row_metadata={}: row events carry no column names; set"
                        + " binlog_row_metadata=FULL, or column names come from information_schema", where, metadata);
            }
        }
    }

    /** ER_OPTION_PREVENTS_STATEMENT: the server runs with --skip-grant-tables, so every account may do anything. */
    private static final int GRANTS_DISABLED = 1290;

    private static void checkGrants(ServerConnection connection, String where) {
        List<ResultRow> grants;
        try {
            grants = connection.query("SHOW GRANTS FOR CURRENT_USER()");
        } catch (dev.binlog.ServerErrorException e) {
            if (e.errorCode() == GRANTS_DISABLED) {
                return;
            }
            throw e;
        }
        String account = connection.queryString("SELECT CURRENT_USER()");
        boolean slave = false;
        boolean client = false;
        for (ResultRow row : grants) {
            String grant = row.get(0).toUpperCase(Locale.ROOT);
            if (!grant.contains(" ON *.* ")) {
                continue;
            }
            boolean all = grant.startsWith("GRANT ALL PRIVILEGES");
            slave |= all || grant.contains("REPLICATION SLAVE") || grant.contains("REPLICATION REPLICA");
            client |= all || grant.contains("REPLICATION CLIENT") || grant.contains("BINLOG MONITOR")
                    || grant.contains("SUPER");
        }
        if (!slave || !client) {
            String quoted = quoteAccount(account);
            throw new ConfigurationException("the account " + quoted + " on " + where + " lacks "
                    + (!slave ? "REPLICATION SLAVE" + (!client ? " and REPLICATION CLIENT" : "") : "REPLICATION CLIENT")
                    + "; run: GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO " + quoted);
        }
    }

    private static String quoteAccount(String account) {
        int at = account.lastIndexOf('@');
        return at < 0 ? "'" + account + "'" : "'" + account.substring(0, at) + "'@'" + account.substring(at + 1) + "'";
    }
}
