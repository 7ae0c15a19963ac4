package dev.binlog.spring.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.spring.worker.WorkerApplication;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A Spring Boot application without a web server ({@code spring.main.web-application-type=none}) in a JVM of its own:
 * it keeps running and streaming (rows inserted 3 s after its start are delivered) until it gets SIGTERM, then stops
 * gracefully, logging where the stream stopped.
 */
class WorkerApplicationLiveTest {

    @LiveTest
    void aWorkerKeepsStreamingUntilSigtermThenStopsGracefully(LiveServer live) throws Exception {
        live.execute("DROP TABLE IF EXISTS jobs", "CREATE TABLE jobs (id INT PRIMARY KEY, name VARCHAR(20))");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process worker = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                WorkerApplication.class.getName(), "--binlog.host=" + live.host(), "--binlog.port=" + live.port(),
                "--binlog.username=" + LiveServer.REPLICATION_USER,
                "--binlog.password=" + LiveServer.REPLICATION_PASSWORD, "--binlog.ssl.mode=disabled",
                "--binlog.position-store.type=memory", "--worker.table=" + live.database() + ".jobs")
                .redirectErrorStream(true).start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(worker.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (Exception e) {
                lines.add("(output unreadable: " + e + ")");
            }
        });
        reader.start();
        try {
            await(lines, "Started WorkerApplication", 60);
            await(lines, "Binlog stream from " + live.host() + ":" + live.port() + " started", 20);
            Thread.sleep(3000);
            assertThat(worker.isAlive()).as("alive 3 s after start; output:\n" + String.join("\n", lines)).isTrue();
            live.execute("INSERT INTO jobs VALUES (1, 'resize'), (2, 'mail')");
            await(lines, "worker received job 2 mail", 20);
            assertThat(lines).contains("worker received job 1 resize");
            assertThat(worker.isAlive()).isTrue();
        } finally {
            worker.toHandle().destroy(); // SIGTERM, leaving the output pipe open for the shutdown lines
            assertThat(worker.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s").isTrue();
            reader.join(5000);
        }
        assertThat(worker.exitValue()).as("exit code").isIn(0, 143);
        assertThat(lines).anyMatch(line -> line.contains("Binlog stream from " + live.host() + ":" + live.port()
                + " stopped at ") && line.contains("(1 transactions, 2 rows delivered)"));
    }

    private static void await(List<String> lines, String text, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (lines.stream().noneMatch(l -> l.contains(text))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no line with \"" + text + "\" in:\n" + String.join("\n", lines));
            }
            Thread.sleep(50);
        }
    }
}
