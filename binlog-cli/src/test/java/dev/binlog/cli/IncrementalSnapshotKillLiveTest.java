package dev.binlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tail --snapshot --snapshot-mode incremental --position-file} killed with SIGKILL in the middle of its copy:
 * the position file holds the copy's progress, so the next run goes on after the last chunk it delivered instead of
 * copying from the first key, and every row arrives over the two runs.
 */
class IncrementalSnapshotKillLiveTest {

    private static final Pattern LINE = Pattern.compile("\"type\":\"([a-z-]+)\".*\"data\":\\{(?:\"id\":(\\d+))?");
    private static final int ROWS = 20_000;
    private static final int CHUNK = 50;

    @TempDir
    Path dir;

    @LiveTest
    void aCopyKilledHalfwayGoesOnAfterItsLastChunk(LiveServer live) throws Exception {
        live.execute("DROP TABLE IF EXISTS inc_kill", "CREATE TABLE inc_kill (id INT PRIMARY KEY, pad CHAR(100))",
                "INSERT INTO inc_kill SELECT seq, 'x' FROM seq_1_to_" + ROWS);
        IncrementalSnapshotTailLiveTest.grantSignalTable(live);
        Path positions = dir.resolve("tail.position");

        Path first = dir.resolve("first.jsonl");
        Process killed = tail(live, positions, first);
        awaitLines(killed, first, lines -> lines.stream().filter(l -> l[0].equals("bootstrap-insert")).count() >= 3000);
        killed.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        List<String[]> cut = parse(first);
        assertThat(cut).noneMatch(l -> l[0].equals("bootstrap-complete"));
        assertThat(Files.readString(positions)).as("the copy's progress is saved with the position")
                .contains(" snapshot=");

        live.execute("INSERT INTO inc_kill VALUES (" + (ROWS + 1) + ", 'between runs')");
        Path second = dir.resolve("second.jsonl");
        Process again = tail(live, positions, second);
        awaitLines(again, second, lines -> lines.stream().anyMatch(l -> l[0].equals("bootstrap-complete")));
        again.destroy();
        assertThat(again.waitFor(20, TimeUnit.SECONDS)).isTrue();
        List<String[]> resumed = parse(second);

        List<Integer> firstReads = reads(cut);
        List<Integer> secondReads = reads(resumed);
        assertThat(resumed.stream().map(l -> l[0]).filter(t -> t.startsWith("bootstrap-")).findFirst())
                .as("the resumed table's bootstrap starts again").contains("bootstrap-start");
        assertThat(secondReads.get(0)).as("the restart goes on after the last chunk delivered, not from the first key")
                .isGreaterThan(firstReads.get(firstReads.size() - 1) - CHUNK);
        assertThat(firstReads.size() + secondReads.size()).as("at most the chunk in flight at the kill comes again")
                .isLessThanOrEqualTo(ROWS + CHUNK);
        Set<Integer> arrived = new HashSet<>(firstReads);
        arrived.addAll(secondReads);
        resumed.stream().filter(l -> l[0].equals("insert")).forEach(l -> arrived.add(Integer.parseInt(l[1])));
        assertThat(arrived).hasSize(ROWS + 1).contains(1, ROWS, ROWS + 1);
    }

    private Process tail(LiveServer live, Path positions, Path output) throws Exception {
        String table = live.database() + ".inc_kill";
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), BinlogCli.class.getName(), "tail",
                "-H", live.host(), "-P", String.valueOf(live.port()), "-u", LiveServer.REPLICATION_USER,
                "--password-env", "TAIL_TEST_PW", "--ssl-mode", "disabled", "--snapshot", table,
                "--snapshot-mode", "incremental", "--chunk-size", String.valueOf(CHUNK), "--position-file",
                positions.toString(), "--include", table));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("err.txt").toFile()));
        builder.environment().put("TAIL_TEST_PW", LiveServer.REPLICATION_PASSWORD);
        return builder.start();
    }

    private void awaitLines(Process tail, Path output, Predicate<List<String[]>> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (!done.test(parse(output))) {
            assertThat(tail.isAlive()).as("tail still runs: %s", Files.readString(dir.resolve("err.txt"))).isTrue();
            assertThat(System.nanoTime()).as("output in time").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static List<Integer> reads(List<String[]> lines) {
        return lines.stream().filter(l -> l[0].equals("bootstrap-insert")).map(l -> Integer.parseInt(l[1])).toList();
    }

    /** Each whole line as (type, id or ""); a last line cut by the kill is left out. */
    private static List<String[]> parse(Path file) throws Exception {
        List<String[]> parsed = new ArrayList<>();
        if (!Files.exists(file)) {
            return parsed;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            Matcher m = LINE.matcher(line);
            if (line.endsWith("}") && m.find()) {
                parsed.add(new String[] {m.group(1), m.group(2) == null ? "" : m.group(2)});
            }
        }
        return parsed;
    }
}
