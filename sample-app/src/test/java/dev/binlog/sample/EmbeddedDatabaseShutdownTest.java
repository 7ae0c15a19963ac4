package dev.binlog.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.ClientState;
import dev.binlog.spring.BinlogStateChangedEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Closing the application (what Ctrl-C or SIGTERM does through Spring Boot's shutdown hook) stops the binlog stream
 * while its server is still up, then the embedded server, and leaves no data folder behind; the unpacked binaries
 * stay for the next run.
 */
class EmbeddedDatabaseShutdownTest {

    private record Seen(ClientState state, boolean serverRunning) {
    }

    /** Field 6 of {@code /proc/<pid>/stat}, after the command name in parentheses. */
    private static String sessionOf(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[3];
    }

    @Test
    void streamStopsGracefullyBeforeTheServerAndNothingIsLeftBehind() throws Exception {
        List<Seen> seen = new CopyOnWriteArrayList<>();
        EmbeddedDatabaseLifecycle[] server = new EmbeddedDatabaseLifecycle[1];
        ApplicationListener<ApplicationEvent> recorder = event -> {
            if (event instanceof BinlogStateChangedEvent change) {
                seen.add(new Seen(change.current(), server[0] != null && server[0].isRunning()));
            }
        };
        ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
                .properties("sample.embedded-db.port=0", "server.port=0")
                .listeners(recorder)
                .run();
        server[0] = context.getBean(EmbeddedDatabaseLifecycle.class);
        EmbeddedDatabase db = server[0].database();
        Path runDir = db.runDir();
        assertThat(sessionOf(db.pid())).as("the server's session: Ctrl-C in the terminal does not reach it")
                .isNotEqualTo(sessionOf(ProcessHandle.current().pid()));
        assertThat(runDir).isDirectory();

        context.close();

        assertThat(seen).as("states of the stream while the application closed")
                .endsWith(new Seen(ClientState.STOPPED, true));
        assertThat(seen).extracting(Seen::state)
                .doesNotContain(ClientState.RECONNECTING, ClientState.FAILED);
        assertThat(server[0].isRunning()).isFalse();
        assertThat(runDir).doesNotExist();
        assertThat(db.binaries().resolve("bin/mariadbd")).isRegularFile();
    }
}
