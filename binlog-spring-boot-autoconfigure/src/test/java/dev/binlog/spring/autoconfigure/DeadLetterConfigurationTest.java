package dev.binlog.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.spring.listener.JdbcDeadLetters;
import dev.binlog.spring.listener.ListenerDispatcher;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

class DeadLetterConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(BinlogAutoConfiguration.class))
            .withPropertyValues("binlog.auto-startup=false", "binlog.host=db", "binlog.username=repl");

    @Test
    void deadLetterModeWritesToTheApplicationsDataSource() {
        runner.withBean(DataSource.class, SimpleDriverDataSource::new)
                .withPropertyValues("binlog.error-handling.mode=dead-letter")
                .run(context -> assertThat(context.getBean(ListenerDispatcher.class).deadLetters())
                        .isInstanceOf(JdbcDeadLetters.class));
    }

    @Test
    void stopAndSkipKeepNoDeadLetters() {
        runner.withBean(DataSource.class, SimpleDriverDataSource::new)
                .withPropertyValues("binlog.error-handling.mode=skip")
                .run(context -> assertThat(context.getBean(ListenerDispatcher.class).deadLetters()).isNull());
    }

    @Test
    void deadLetterModeWithoutADataSourceFailsTheStartSayingWhatItNeeds() {
        runner.withPropertyValues("binlog.error-handling.mode=dead-letter")
                .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining(
                        "binlog.error-handling.mode=dead-letter writes failed changes to a table of the application's"
                                + " DataSource, but there is no DataSource"));
    }

    @Test
    void aDeadLetterTableThatIsNoTableNameFailsTheStart() {
        runner.withBean(DataSource.class, SimpleDriverDataSource::new)
                .withPropertyValues("binlog.error-handling.mode=dead-letter",
                        "binlog.error-handling.dead-letter-table=dead letters; DROP")
                .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining(
                        "binlog.error-handling.dead-letter-table 'dead letters; DROP' is not a table name"));
    }
}
