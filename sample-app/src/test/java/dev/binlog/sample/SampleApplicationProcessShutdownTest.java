package dev.binlog.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample in a JVM of its own, stopped the way a terminal or a service manager stops it: the JVM's shutdown hooks
 * (Ctrl-C and SIGTERM both end up there; the server itself never sees the terminal's Ctrl-C, see
 * {@link EmbeddedDatabaseShutdownTest}) stop the binlog stream before the embedded server, so the log shows no lost
 * connection, and nothing of the run is left on disk or running.
 */
class SampleApplicationProcessShutdownTest {

    @TempDir
    Path temp;

    @Test
    void terminatedApplicationStopsTheStreamBeforeTheServerAndLeavesNothingBehind() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // A file rather than a pipe: the JDK may close a process's pipe under a reader when the process exits.
        Path output = temp.resolve("sample.log");
        Process app = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                SampleApplication.class.getName(), "--server.port=0", "--sample.embedded-db.port=0")
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (!Files.readString(output).contains("Try it:") && app.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(Files.readString(output)).as("the application started").contains("Try it:");

            app.destroy(); // SIGTERM
            assertThat(app.waitFor(60, TimeUnit.SECONDS)).as("the application exited").isTrue();
        } finally {
            app.destroyForcibly();
        }

        List<String> log = Files.readAllLines(output, StandardCharsets.UTF_8);
        assertThat(log).noneMatch(l -> l.contains("Lost the replication connection"))
                .noneMatch(l -> l.contains("reconnect attempt"))
                .anyMatch(l -> l.matches(".*Embedded MariaDB on port \\d+ stopped; its data folder is deleted"));
        String run = "/runs/" + app.pid() + "-";
        try (Stream<Path> dirs = Files.list(EmbeddedDatabase.defaultCacheDir().resolve("runs"))) {
            assertThat(dirs.map(Path::toString)).as("this run's data folder").noneMatch(d -> d.contains(run));
        }
        assertThat(ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse("")))
                .as("a server still running on that run's data folder").noneMatch(c -> c.contains(run));
    }
}
