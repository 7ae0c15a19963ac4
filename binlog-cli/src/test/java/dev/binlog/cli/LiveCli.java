package dev.binlog.cli;

import dev.binlog.testsupport.LiveServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code binlog tail} in-process against a live test server, and the means to apply what it prints. */
record LiveCli(int status, String out, String err) {

    /** {@code tail} as the replication user, without TLS, plus {@code args}. */
    static LiveCli tail(LiveServer live, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> command = new ArrayList<>(List.of("tail", "-H", live.host(), "-P", String.valueOf(live.port()),
                "-u", LiveServer.REPLICATION_USER, "--password=" + LiveServer.REPLICATION_PASSWORD, "--ssl-mode",
                "disabled"));
        command.addAll(List.of(args));
        int status = BinlogCli.execute(new BinlogCli(), new PrintWriter(out), new PrintWriter(err),
                command.toArray(String[]::new));
        return new LiveCli(status, out.toString(), err.toString());
    }

    /** The server's current binlog position, as {@code FILE:POS}. */
    static String position(LiveServer live) {
        Map<String, Object> status = live.query("SHOW MASTER STATUS").get(0);
        return status.get("File") + ":" + status.get("Position");
    }

    /**
     * Runs the statements of SQL output, as the mysql client would: each ends with {@code ;} at the end of a line or
     * before the trailing {@code -- position} comment.
     */
    static void apply(LiveServer live, String sql) throws Exception {
        try (Connection c = live.connection(); Statement s = c.createStatement()) {
            for (String statement : sql.split(";(?: -- [^\n]*)?\n")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
        }
    }
}
