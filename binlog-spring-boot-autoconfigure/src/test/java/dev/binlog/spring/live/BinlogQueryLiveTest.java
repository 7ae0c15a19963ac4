package dev.binlog.spring.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.spring.BinlogQuery;
import dev.binlog.spring.OnInsert;
import dev.binlog.spring.autoconfigure.BinlogAutoConfiguration;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * A row listener's {@code @BinlogQuery String} parameter is the statement that made the change when MariaDB logs it
 * ({@code binlog_annotate_row_events=ON}), and {@code null} when it does not. The variable has a session scope, so
 * the test sets it for its own connection and leaves the shared servers' global value alone.
 */
class BinlogQueryLiveTest {

    static class Audit {
        /** {@code id → statement}, the statement {@code null} when not logged. */
        final Map<Object, String> statements = Collections.synchronizedMap(new LinkedHashMap<>());

        @OnInsert("${test.schema}.notes")
        void inserted(Map<String, Object> row, @BinlogQuery String sql) {
            statements.put(row.get("id"), sql);
        }
    }

    @LiveTest
    void aRowListenerReceivesTheInsertStatementWhenTheServerLogsIt(LiveServer live) throws Exception {
        live.execute("CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(40))");
        Audit audit = new Audit();
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(BinlogAutoConfiguration.class))
                .withBean(Audit.class, () -> audit)
                .withPropertyValues("binlog.host=" + live.host(), "binlog.port=" + live.port(),
                        "binlog.username=" + LiveServer.REPLICATION_USER,
                        "binlog.password=" + LiveServer.REPLICATION_PASSWORD, "binlog.ssl.mode=disabled",
                        "binlog.fail-fast=true", "binlog.position-store.type=memory",
                        "test.schema=" + live.database())
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    live.execute("SET SESSION binlog_annotate_row_events = ON",
                            "INSERT INTO notes VALUES (1, 'annotated'), (2, 'same statement')",
                            "SET SESSION binlog_annotate_row_events = OFF",
                            "INSERT INTO notes VALUES (3, 'plain')");
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                    while (audit.statements.size() < 3 && System.nanoTime() < deadline) {
                        Thread.sleep(20);
                    }
                });

        Map<Object, String> expected = new LinkedHashMap<>();
        expected.put(1, "INSERT INTO notes VALUES (1, 'annotated'), (2, 'same statement')");
        expected.put(2, "INSERT INTO notes VALUES (1, 'annotated'), (2, 'same statement')");
        expected.put(3, null);
        assertThat(audit.statements).containsExactlyEntriesOf(expected);
    }
}
