package dev.binlog.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.ConfigurationException;
import dev.binlog.stream.BinlogClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Where the stream connects: the application's own {@link BinlogConnectionDetails}, else {@code binlog.*}, else the
 * data source's {@link JdbcConnectionDetails} (as a Testcontainers {@code @ServiceConnection} provides them) when it
 * is MySQL/MariaDB.
 */
@ExtendWith(OutputCaptureExtension.class)
class BinlogConnectionDetailsTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(BinlogAutoConfiguration.class))
            .withPropertyValues("binlog.auto-startup=false");

    record Server(String getHost, int getPort, String getUsername, String getPassword)
            implements BinlogConnectionDetails {
    }

    record DataSource(String getJdbcUrl, String getUsername, String getPassword) implements JdbcConnectionDetails {
    }

    @Test
    void theApplicationsOwnConnectionDetailsWinOverBinlogProperties() {
        runner.withPropertyValues("binlog.host=db.example.com", "binlog.port=3307", "binlog.username=repl",
                "binlog.password=s3cret")
                .withBean(BinlogConnectionDetails.class, () -> new Server("vault-db", 3317, "vault-user", "from-vault"))
                .run(context -> {
                    assertThat(context).hasSingleBean(BinlogConnectionDetails.class);
                    var settings = context.getBean(BinlogClient.class).settings();
                    assertThat(settings.server().host()).isEqualTo("vault-db");
                    assertThat(settings.server().port()).isEqualTo(3317);
                    assertThat(settings.server().user()).isEqualTo("vault-user");
                    assertThat(settings.server().password()).isEqualTo("from-vault");
                });
    }

    @Test
    void theApplicationsOwnConnectionDetailsAreEnoughToStream() {
        runner.withBean(BinlogConnectionDetails.class, () -> new Server("vault-db", 3317, "vault-user", "pw"))
                .run(context -> assertThat(context.getBean(BinlogClient.class).settings().server().host())
                        .isEqualTo("vault-db"));
    }

    @Test
    void binlogPropertiesAreTheConnectionDetailsWhenTheHostIsSet() {
        runner.withPropertyValues("binlog.host=db.example.com", "binlog.username=repl", "binlog.password=s3cret")
                .run(context -> {
                    BinlogConnectionDetails details = context.getBean(BinlogConnectionDetails.class);
                    assertThat(details).isInstanceOf(PropertiesBinlogConnectionDetails.class);
                    assertThat(details.getHost()).isEqualTo("db.example.com");
                    assertThat(details.getPort()).isEqualTo(3306);
                    assertThat(details.getUsername()).isEqualTo("repl");
                    assertThat(details.getPassword()).isEqualTo("s3cret");
                    assertThat(details.toString()).doesNotContain("s3cret");
                });
    }

    @Test
    void aMariaDbDataSourceIsFollowedWhenNoHostIsSet(CapturedOutput output) {
        ApplicationContextRunner withDataSource = runner.withBean(JdbcConnectionDetails.class,
                () -> new DataSource("jdbc:mariadb://db.internal:3310/shop?useSsl=false", "app", "pw"));
        withDataSource.run(context -> {
            var settings = context.getBean(BinlogClient.class).settings();
            assertThat(settings.server().host()).isEqualTo("db.internal");
            assertThat(settings.server().port()).isEqualTo(3310);
            assertThat(settings.server().user()).isEqualTo("app");
            assertThat(settings.server().password()).isEqualTo("pw");
        });
        assertThat(output).contains("binlog.host is not set: the stream follows the data source, the binary log of "
                + "db.internal:3310");
        withDataSource.withPropertyValues("binlog.port=3399", "binlog.username=repl", "binlog.password=r3pl")
                .run(context -> {
                    var settings = context.getBean(BinlogClient.class).settings();
                    assertThat(settings.server().host()).isEqualTo("db.internal");
                    assertThat(settings.server().port()).isEqualTo(3399);
                    assertThat(settings.server().user()).isEqualTo("repl");
                    assertThat(settings.server().password()).isEqualTo("r3pl");
                });
    }

    @Test
    void withAHostTheDataSourcesCredentialsFillInTheMissingOnes() {
        runner.withBean(JdbcConnectionDetails.class, () -> new DataSource("jdbc:mariadb://app-db/shop", "app", "pw"))
                .withPropertyValues("binlog.host=replica").run(context -> {
                    var settings = context.getBean(BinlogClient.class).settings();
                    assertThat(settings.server().host()).isEqualTo("replica");
                    assertThat(settings.server().user()).isEqualTo("app");
                    assertThat(settings.server().password()).isEqualTo("pw");
                });
    }

    @Test
    void aPostgresqlDataSourceIsNotFollowedAndStreamingIsOffWithTheNotice(CapturedOutput output) {
        // Boot's own JdbcConnectionDetails, from spring.datasource.*; no pool or PostgreSQL driver on the test
        // classpath, so Boot's generic DataSource with the MariaDB driver, which never connects here.
        runner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=jdbc:postgresql://user:secret@db/app",
                        "spring.datasource.type=" + SimpleDriverDataSource.class.getName(),
                        "spring.datasource.driver-class-name=org.mariadb.jdbc.Driver")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(JdbcConnectionDetails.class);
                    assertThat(context).doesNotHaveBean(BinlogConnectionDetails.class);
                    assertThat(context).doesNotHaveBean(BinlogClient.class);
                });
        assertThat(output).contains("Binlog streaming is off: binlog.host is not set and the data source "
                + "(jdbc:postgresql:…) is not a jdbc:mysql: or jdbc:mariadb: URL (a wrapped URL is not followed). Set "
                + "binlog.host (with binlog.port, binlog.username and binlog.password) to stream, or "
                + "binlog.enabled=false to leave the starter off without this warning");
        assertThat(output).doesNotContain("secret");
    }

    @Test
    void aPostgresqlDataSourceKnownOnlyOnceCreatedFailsTheStartSayingWhatToSet() {
        // Like a container's @ServiceConnection: its URL is not known before the bean exists, too late to switch off.
        runner.withBean(JdbcConnectionDetails.class,
                () -> new DataSource("jdbc:postgresql://user:secret@db/app", "app", "pw")).run(context -> {
                    assertThat(context).getFailure().rootCause().isInstanceOf(ConfigurationException.class)
                            .hasMessage("binlog.host is not set and the application's data source "
                                    + "(jdbc:postgresql:…) is not a jdbc:mysql: or jdbc:mariadb: URL, so there is no "
                                    + "server to stream from. Set binlog.host (with binlog.port, binlog.username and "
                                    + "binlog.password), or binlog.enabled=false to leave the starter off");
                });
    }
}
