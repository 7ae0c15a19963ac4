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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tail --snapshot --position-file} killed with SIGKILL in the middle of its copy: nothing was saved, so the
 * next run copies again from the start (a new consistent snapshot, which then includes rows written meanwhile) and
 * completes; the run after that copies nothing and streams only what is new.
 */
class SnapshotKillLiveTest {

    private static final Pattern LINE = Pattern.compile("\"type\":\"([a-z-]+)\".*\"data\":\\{(?:\"id\":(\\d+))?");

    @TempDir
    Path dir;

    @LiveTest
    void aCopyKilledHalfwayStartsOverAndCompletesOnTheNextRun(LiveServer live) throws Exception {
        live.execute("DROP TABLE IF EXISTS snap_kill", "CREATE TABLE snap_kill (id INT PRIMARY KEY, pad CHAR(100))",
                "INSERT INTO snap_kill SELECT seq, 'x' FROM seq_1_to_20000");
        Path positions = dir.resolve("tail.position");

        Path first = dir.resolve("first.jsonl");
        Process killed = tail(live, positions, first, false);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (lines(first).size() < 300 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        killed.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        List<String[]> cut = parse(first);
        assertThat(cut).as("killed in the middle of the copy").hasSizeGreaterThanOrEqualTo(300);
        assertThat(cut).noneMatch(l -> l[0].equals("bootstrap-complete"));
        assertThat(positions).as("no position saved before the copy completed").doesNotExist();

        live.execute("INSERT INTO snap_kill VALUES (20001, 'between runs')");
        Path second = dir.resolve("second.jsonl");
        Process again = tail(live, positions, second, true);
        assertThat(again.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(again.exitValue()).as(Files.readString(dir.resolve("err.txt"))).isZero();
        List<String[]> copy = parse(second);
        Set<Integer> copied = new HashSet<>();
        copy.stream().filter(l -> l[0].equals("bootstrap-insert")).forEach(l -> copied.add(Integer.parseInt(l[1])));
        assertThat(copy.get(0)[0]).isEqualTo("bootstrap-start");
        assertThat(copy.get(copy.size() - 1)[0]).isEqualTo("bootstrap-complete");
        assertThat(copied).hasSize(20001).contains(1, 20000, 20001);
        assertThat(positions).as("saved once the copy completed").exists();

        live.execute("INSERT INTO snap_kill VALUES (20002, 'after the copy')");
        Path third = dir.resolve("third.jsonl");
        Process last = tail(live, positions, third, true);
        assertThat(last.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(parse(third)).extracting(l -> l[0] + " " + l[1]).containsExactly("insert 20002");
    }

    private Process tail(LiveServer live, Path positions, Path output, boolean stopAtEnd) throws Exception {
        String table = live.database() + ".snap_kill";
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), BinlogCli.class.getName(), "tail",
                "-H", live.host(), "-P", String.valueOf(live.port()), "-u", LiveServer.REPLICATION_USER,
                "--password-env", "TAIL_TEST_PW", "--ssl-mode", "disabled", "--snapshot", table,
                "--chunk-size", "50", "--position-file", positions.toString(), "--include", table));
        if (stopAtEnd) {
            command.add("--stop-at-end");
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("err.txt").toFile()));
        builder.environment().put("TAIL_TEST_PW", LiveServer.REPLICATION_PASSWORD);
        return builder.start();
    }

    private static List<String> lines(Path file) throws Exception {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }

    /** Each whole line as (type, id or ""); a last line cut by the kill is left out. */
    private static List<String[]> parse(Path file) throws Exception {
        List<String[]> parsed = new ArrayList<>();
        for (String line : lines(file)) {
            Matcher m = LINE.matcher(line);
            if (line.endsWith("}") && m.find()) {
                parsed.add(new String[] {m.group(1), m.group(2) == null ? "" : m.group(2)});
            }
        }
        return parsed;
    }
}
