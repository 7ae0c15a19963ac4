package dev.binlog.spring.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.binlog.BinlogPosition;
import dev.binlog.SchemaChange;
import dev.binlog.spring.autoconfigure.BinlogAutoConfiguration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** Dead letters cover row listeners: a schema-change listener that fails under dead-letter stops the stream. */
class DeadLetterDispatchTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(BinlogAutoConfiguration.class))
            .withBean(DataSource.class, SimpleDriverDataSource::new)
            .withPropertyValues("binlog.auto-startup=false", "binlog.error-handling.retries=0",
                    "binlog.error-handling.mode=dead-letter");

    @Test
    void aFailingSchemaListenerStopsTheStreamSayingDeadLettersCoverRowListeners() {
        SchemaChange drop = new SchemaChange("shop", "DROP TABLE orders", List.of("shop.orders"),
                new BinlogPosition("mysql-bin.000004", 1207), "0-1-9");
        runner.withBean(SchemaChangeAndCommitListenerTest.Ddl.class).run(context -> {
            ListenerDispatcher dispatcher = context.getBean(ListenerDispatcher.class);
            assertThatThrownBy(() -> dispatcher.onSchemaChange(drop)).isInstanceOf(ListenerFailedException.class)
                    .hasMessageStartingWith("listener failing failed on the schema change 'DROP TABLE orders' at"
                            + " mysql-bin.000004:1207 (dead letters cover row listeners only): "
                            + "java.lang.IllegalStateException: search index down");
            assertThat(dispatcher.statistics().get("failing").deadLetters()).isZero();
        });
    }
}
