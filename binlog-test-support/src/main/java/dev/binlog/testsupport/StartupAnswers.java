package dev.binlog.testsupport;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * The answers of a MariaDB 10.11 primary that lets the account replicate, to the statements a replication client sends
 * before its dump command: grants, binary log settings, the checksum setting, binary log files, server variables, the
 * server clock. Any {@code SET} is acknowledged; anything else gets ER_PARSE_ERROR, so that a new query shows up as a
 * clear failure rather than a hang. Text matching, not parsing: it answers what {@code binlog}'s client asks.
 */
public final class StartupAnswers {

    /** The one binary log the server lists. */
    public static final String BINLOG_FILE = "mysql-bin.000001";

    private StartupAnswers() {
    }

    static void answer(HostileServer.Session s, String sql) throws IOException {
        String q = sql.trim().toUpperCase(Locale.ROOT);
        if (q.startsWith("SET ")) {
            s.ok();
        } else if (q.startsWith("SHOW GRANTS")) {
            s.value("Grants for repl@%", "GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO `repl`@`%`");
        } else if (q.equals("SELECT CURRENT_USER()")) {
            s.value("CURRENT_USER()", "repl@%");
        } else if (q.startsWith("SELECT @@GLOBAL.LOG_BIN")) {
            s.resultSet(List.of("log_bin", "binlog_format", "binlog_row_image", "server_id"),
                    List.of(List.of("1", "ROW", "FULL", "1")));
        } else if (q.equals("SELECT @@GLOBAL.BINLOG_ROW_METADATA")) {
            s.value("@@global.binlog_row_metadata", "FULL");
        } else if (q.equals("SELECT @@GLOBAL.BINLOG_CHECKSUM")) {
            s.value("@@global.binlog_checksum", "CRC32");
        } else if (q.equals("SELECT @@GLOBAL.GTID_MODE")) {
            s.value("@@global.gtid_mode", "ON");
        } else if (q.equals("SHOW BINARY LOGS")) {
            s.resultSet(List.of("Log_name", "File_size"), List.of(List.of(BINLOG_FILE, "1048576")));
        } else if (q.equals("SHOW MASTER STATUS") || q.equals("SHOW BINARY LOG STATUS")) {
            s.resultSet(List.of("File", "Position", "Binlog_Do_DB", "Binlog_Ignore_DB"),
                    List.of(List.of(BINLOG_FILE, "4", "", "")));
        } else if (q.startsWith("SHOW BINLOG EVENTS")) {
            s.resultSet(List.of("Log_name", "Pos", "Event_type", "Server_id", "End_log_pos", "Info"),
                    List.of(List.of(BINLOG_FILE, "4", "Format_desc", "1", "256", "Server ver: 10.11.6-MariaDB-log")));
        } else if (q.startsWith("SHOW GLOBAL VARIABLES")) {
            s.resultSet(List.of("Variable_name", "Value"), List.of(List.of("binlog_checksum", "CRC32"),
                    List.of("binlog_format", "ROW"), List.of("binlog_row_image", "FULL"),
                    List.of("binlog_row_metadata", "FULL"), List.of("gtid_strict_mode", "OFF"),
                    List.of("server_id", "1")));
        } else if (q.startsWith("SELECT CAST(UNIX_TIMESTAMP(")) {
            s.value("now", Long.toString(System.currentTimeMillis()));
        } else {
            s.error(1064, "42000", "the hostile server has no answer to this statement");
        }
    }
}
