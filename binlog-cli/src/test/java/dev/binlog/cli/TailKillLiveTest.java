package dev.binlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tail --position-file} killed with SIGKILL at random moments under a steady insert load, and restarted: no
 * row is lost, and a transaction is printed again only when it was the one in flight at a kill.
 */
class TailKillLiveTest {

    private static final Pattern ID = Pattern.compile("\"data\":\\{\"id\":(\\d+),\"tx\":(\\d+)\\}");

    @TempDir
    Path dir;

    @LiveTest
    void sigkillAndRestartLosesNoRow(LiveServer live) throws Exception {
        live.execute("DROP TABLE IF EXISTS feed", "CREATE TABLE feed (id INT PRIMARY KEY, tx INT)");
        Map<String, Object> status = live.query("SHOW MASTER STATUS").get(0);
        String start = status.get("File") + ":" + status.get("Position");
        Path positions = dir.resolve("tail.position");
        Path output = dir.resolve("out.jsonl");

        AtomicInteger lastId = new AtomicInteger();
        AtomicInteger transactions = new AtomicInteger();
        Thread writer = new Thread(() -> {
            Random random = new Random(7);
            try (Connection c = live.connection(); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
                while (System.nanoTime() < end) {
                    int tx = transactions.incrementAndGet();
                    for (int r = 0, n = 1 + random.nextInt(3); r < n; r++) {
                        s.execute("INSERT INTO feed VALUES (" + lastId.incrementAndGet() + ", " + tx + ")");
                    }
                    c.commit();
                    Thread.sleep(5);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        Random random = new Random(11);
        int kills = 0;
        while (writer.isAlive()) {
            Process tail = start(live, start, positions, output, false);
            Thread.sleep(700 + random.nextInt(900));
            tail.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            kills++;
        }
        writer.join();
        Process last = start(live, start, positions, output, true);
        assertThat(last.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(last.exitValue()).as("final tail exit status: %s", Files.readString(dir.resolve("err.txt")))
                .isZero();

        Map<Integer, Integer> timesSeen = new HashMap<>();
        Map<Integer, Integer> transactionOf = new HashMap<>();
        for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
            Matcher m = ID.matcher(line);
            if (m.find()) {
                int id = Integer.parseInt(m.group(1));
                timesSeen.merge(id, 1, Integer::sum);
                transactionOf.put(id, Integer.parseInt(m.group(2)));
            }
        }
        assertThat(kills).isGreaterThanOrEqualTo(3);
        assertThat(timesSeen.keySet()).as("every inserted row printed").hasSize(lastId.get());
        // a kill between flushing a transaction's output and saving its position reprints that one transaction on
        // restart; a restart killed the same way before it saved can print it once more, so each kill accounts for
        // at most one extra print of one transaction
        Map<Integer, Integer> printsOfTransaction = new HashMap<>();
        timesSeen.forEach((id, times) -> printsOfTransaction.merge(transactionOf.get(id), times, Math::max));
        int extraPrints = printsOfTransaction.values().stream().mapToInt(times -> times - 1).sum();
        assertThat(extraPrints).as("transactions printed again: at most one per kill (%d kills)", kills)
                .isLessThanOrEqualTo(kills);
    }

    private Process start(LiveServer live, String start, Path positions, Path output, boolean stopAtEnd)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), BinlogCli.class.getName(), "tail",
                "-H", live.host(), "-P", String.valueOf(live.port()), "-u", LiveServer.REPLICATION_USER,
                "--password-env", "TAIL_TEST_PW", "--ssl-mode", "disabled", "--start", start,
                "--position-file", positions.toString(), "--include", live.database() + ".feed"));
        if (stopAtEnd) {
            command.add("--stop-at-end");
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("err.txt").toFile()));
        builder.environment().put("TAIL_TEST_PW", LiveServer.REPLICATION_PASSWORD);
        return builder.start();
    }
}
