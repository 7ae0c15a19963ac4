package dev.binlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The JSON {@code position} is where {@code tail --start} resumes; a rows event's offset is refused in one line. */
class ResumePositionLiveTest {

    private static final Pattern POSITION = Pattern.compile("\"position\":\"([^\"]+)\"");
    private static final Pattern EVENT_POSITION = Pattern.compile("\"event_position\":\"([^\"]+)\"");

    @LiveTest
    void resumesFromThePrintedPosition(LiveServer live) {
        live.execute("DROP TABLE IF EXISTS events", "CREATE TABLE events (id INT PRIMARY KEY)");
        String start = LiveCli.position(live);
        live.execute("BEGIN", "INSERT INTO events VALUES (1)", "INSERT INTO events VALUES (2)", "COMMIT",
                "INSERT INTO events VALUES (3)");
        String table = live.database() + ".events";

        List<String> all = tail(live, start, table);
        assertThat(all).hasSize(3);
        assertThat(all.get(1)).contains("\"commit\":true");

        // the first transaction's last row: resuming there gives the next transaction only
        List<String> afterFirst = tail(live, match(POSITION, all.get(1)), table);
        assertThat(afterFirst).hasSize(1);
        assertThat(afterFirst.get(0)).contains("\"data\":{\"id\":3}");

        // a row before the last of its transaction: resuming there gives the whole transaction again
        List<String> fromFirst = tail(live, match(POSITION, all.get(0)), table);
        assertThat(fromFirst).hasSize(3);
        assertThat(fromFirst.get(0)).contains("\"data\":{\"id\":1}");
    }

    @LiveTest
    void refusesARowsEventOffsetInOneLine(LiveServer live) {
        live.execute("DROP TABLE IF EXISTS marks", "CREATE TABLE marks (id INT PRIMARY KEY)");
        String start = LiveCli.position(live);
        live.execute("INSERT INTO marks VALUES (1)");
        List<String> lines = tail(live, start, live.database() + ".marks");

        LiveCli inside = LiveCli.tail(live, "--start", match(EVENT_POSITION, lines.get(0)), "--stop-at-end");

        assertThat(inside.status()).isEqualTo(1);
        assertThat(inside.err()).startsWith("binlog tail: ").hasLineCount(1).doesNotContain("\tat ");
    }

    private static List<String> tail(LiveServer live, String start, String table) {
        LiveCli run = LiveCli.tail(live, "--start", start, "--stop-at-end", "--include", table);
        assertThat(run.status()).as("stderr: %s", run.err()).isZero();
        return run.out().lines().toList();
    }

    private static String match(Pattern pattern, String line) {
        Matcher matcher = pattern.matcher(line);
        assertThat(matcher.find()).as(line).isTrue();
        return matcher.group(1);
    }
}
