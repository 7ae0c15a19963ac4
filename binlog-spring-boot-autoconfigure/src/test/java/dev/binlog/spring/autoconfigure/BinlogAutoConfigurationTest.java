package dev.binlog.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.PositionStore;
import dev.binlog.ReconnectPolicy;
import dev.binlog.StartPosition;
import dev.binlog.TlsMode;
import dev.binlog.spring.listener.ListenerDispatcher;
import dev.binlog.stream.BinlogClient;
import dev.binlog.stream.SnapshotKind;
import dev.binlog.stream.SnapshotMode;
import dev.binlog.stream.SnapshotWatermark;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

class BinlogAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(BinlogAutoConfiguration.class))
            .withPropertyValues("binlog.auto-startup=false");

    @Test
    void withoutHostOrMysqlDataSourceThereIsNoClient() {
        runner.run(context -> {
            assertThat(context).doesNotHaveBean(BinlogClient.class);
            assertThat(context).doesNotHaveBean(BinlogStreamLifecycle.class);
            assertThat(context).hasSingleBean(ListenerDispatcher.class);
        });
        runner.withPropertyValues("spring.datasource.url=jdbc:postgresql://db/app")
                .run(context -> assertThat(context).doesNotHaveBean(BinlogClient.class));
    }

    @Test
    void disabledMeansNothingAtAll() {
        runner.withPropertyValues("binlog.enabled=false", "binlog.host=db").run(context -> {
            assertThat(context).doesNotHaveBean(BinlogClient.class);
            assertThat(context).doesNotHaveBean(ListenerDispatcher.class);
        });
    }

    @Test
    void propertiesConfigureTheClient() {
        runner.withPropertyValues("binlog.host=db.example.com", "binlog.port=3307", "binlog.username=repl",
                "binlog.password=s3cret", "binlog.server-id=4242", "binlog.ssl.mode=required",
                "binlog.start-position=mysql-bin.000003:4", "binlog.connection.heartbeat=2s",
                "binlog.position-store.type=memory", "binlog.filter.include=shop.*,crm.contacts",
                "binlog.filter.exclude=shop.tmp_*").run(context -> {
                    var settings = context.getBean(BinlogClient.class).settings();
                    assertThat(settings.server().host()).isEqualTo("db.example.com");
                    assertThat(settings.server().port()).isEqualTo(3307);
                    assertThat(settings.server().user()).isEqualTo("repl");
                    assertThat(settings.server().password()).isEqualTo("s3cret");
                    assertThat(settings.serverId()).isEqualTo(4242L);
                    assertThat(settings.server().tlsMode()).isEqualTo(TlsMode.REQUIRED);
                    assertThat(settings.startPosition()).isEqualTo(StartPosition.at("mysql-bin.000003", 4));
                    assertThat(settings.heartbeatInterval()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(settings.reconnect().maxAttempts()).as("keepalive by default: no limit").isEmpty();
                    assertThat(settings.reconnect().initialDelay()).isEqualTo(Duration.ofSeconds(1));
                    assertThat(settings.positionStore()).hasToString("memory");
                    assertThat(settings.filter().includesTable("shop", "orders")).isTrue();
                    assertThat(settings.filter().includesTable("crm", "contacts")).isTrue();
                    assertThat(settings.filter().includesTable("crm", "leads")).isFalse();
                    assertThat(settings.filter().includesTable("shop", "tmp_x")).isFalse();
                    assertThat(settings.toString()).doesNotContain("s3cret");
                });
    }

    @Test
    void furtherHostsAreTriedInOrderAfterTheFirst() {
        runner.withPropertyValues("binlog.host=db1", "binlog.port=3307", "binlog.username=repl",
                "binlog.hosts=db2:3308,[::1]:3309").run(context -> {
                    var settings = context.getBean(BinlogClient.class).settings();
                    assertThat(settings.servers()).extracting(dev.binlog.ServerSettings::endpoint)
                            .containsExactly("db1:3307", "db2:3308", "::1:3309");
                    assertThat(settings.reconnect().maxAttempts()).as("a policy that gives up, to move on")
                            .hasValue(3);
                });
    }

    @Test
    void snapshotPropertiesConfigureTheClientsSnapshot() {
        runner.withPropertyValues("binlog.host=db", "binlog.username=repl", "binlog.snapshot.mode=when-needed",
                "binlog.snapshot.chunk-size=500",
                "binlog.snapshot.tables=shop.*", "binlog.snapshot.keys[shop.logs]=id,ts").run(context -> {
                    var snapshot = context.getBean(BinlogClient.class).settings().snapshot();
                    assertThat(snapshot.mode()).isEqualTo(dev.binlog.stream.SnapshotMode.WHEN_NEEDED);
                    assertThat(snapshot.chunkSize()).isEqualTo(500);
                    assertThat(snapshot.tables().includesTable("shop", "orders")).isTrue();
                    assertThat(snapshot.tables().includesTable("crm", "orders")).isFalse();
                    assertThat(snapshot.keys()).containsExactly(java.util.Map.entry("shop.logs", java.util.List.of("id",
                            "ts")));
                });
    }

    @Test
    void snapshotKindWatermarkAndSignalTableDefaultToAConsistentCopyAndTheBinlogSignalTable() {
        runner.withPropertyValues("binlog.host=db", "binlog.username=repl").run(context -> {
            var snapshot = context.getBean(BinlogClient.class).settings().snapshot();
            assertThat(snapshot.kind()).isEqualTo(SnapshotKind.CONSISTENT);
            assertThat(snapshot.watermark()).isEqualTo(SnapshotWatermark.TABLE);
            assertThat(snapshot.signalTable()).isEqualTo("binlog_signal");
        });
    }

    @Test
    void incrementalSnapshotPropertiesConfigureTheClientsSnapshot() {
        runner.withPropertyValues("binlog.host=db", "binlog.username=repl", "binlog.snapshot.mode=initial",
                "binlog.snapshot.kind=incremental", "binlog.snapshot.watermark=gtid",
                "binlog.snapshot.signal-table=ops.signals", "binlog.snapshot.chunk-size=250").run(context -> {
                    var snapshot = context.getBean(BinlogClient.class).settings().snapshot();
                    assertThat(snapshot.mode()).isEqualTo(SnapshotMode.INITIAL);
                    assertThat(snapshot.kind()).isEqualTo(SnapshotKind.INCREMENTAL);
                    assertThat(snapshot.watermark()).isEqualTo(SnapshotWatermark.GTID);
                    assertThat(snapshot.signalTable()).isEqualTo("ops.signals");
                    assertThat(snapshot.chunkSize()).isEqualTo(250);
                });
    }

    @Test
    void aSignalTableNameTheServerCouldNotTakeFailsTheStartNamingTheProperty() {
        runner.withPropertyValues("binlog.host=db", "binlog.username=repl", "binlog.snapshot.signal-table=ops.sig-nals")
                .run(context -> assertThat(context).getFailure().hasStackTraceContaining(
                        "ConfigurationException: binlog.snapshot.signal-table: signal table 'ops.sig-nals' must be table or schema.table, of"
                                + " letters, digits, _ and $"));
    }

    @Test
    void sslBundleSuppliesTheTlsContextAndDefaultsTheModeToVerifyCa(@TempDir Path dir) throws Exception {
        Path keyStore = dir.resolve("client.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", "changeit",
                "-alias", "client", "-dname", "CN=binlog client", "-keyalg", "RSA", "-keysize", "2048")
                .redirectErrorStream(true).start();
        assertThat(keytool.waitFor()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        String location = "file:" + keyStore;
        ApplicationContextRunner withBundle = runner
                .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
                .withPropertyValues("binlog.host=db", "binlog.username=repl", "binlog.ssl.bundle=database",
                        "spring.ssl.bundle.jks.database.keystore.location=" + location,
                        "spring.ssl.bundle.jks.database.keystore.password=changeit",
                        "spring.ssl.bundle.jks.database.truststore.location=" + location,
                        "spring.ssl.bundle.jks.database.truststore.password=changeit");
        withBundle.run(context -> {
            var settings = context.getBean(BinlogClient.class).settings();
            assertThat(settings.server().tlsContext()).isNotNull();
            assertThat(settings.server().tlsMode()).isEqualTo(TlsMode.VERIFY_CA);
        });
        withBundle.withPropertyValues("binlog.ssl.mode=verify-identity").run(context -> assertThat(
                context.getBean(BinlogClient.class).settings().server().tlsMode()).isEqualTo(TlsMode.VERIFY_IDENTITY));
        runner.withPropertyValues("binlog.host=db", "binlog.username=repl", "binlog.ssl.bundle=missing")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("binlog.ssl.bundle=missing but the application has no SSL bundles"));
        runner.withPropertyValues("binlog.host=db", "binlog.username=repl").run(context -> {
            assertThat(context.getBean(BinlogClient.class).settings().server().tlsContext()).isNull();
            assertThat(context.getBean(BinlogClient.class).settings().server().tlsMode()).isEqualTo(TlsMode.PREFERRED);
        });
    }

    @Test
    void keepaliveAndMaxAttemptsBecomeOneReconnectPolicy() {
        runner.withPropertyValues("binlog.host=db", "binlog.username=repl", "binlog.connection.keepalive=false",
                "binlog.connection.max-attempts=5").run(context -> assertThat(
                        context.getBean(BinlogClient.class).settings().reconnect()).isEqualTo(ReconnectPolicy.never()));
        runner.withPropertyValues("binlog.host=db", "binlog.username=repl", "binlog.connection.max-attempts=5",
                "binlog.connection.initial-backoff=200ms").run(context -> {
                    ReconnectPolicy reconnect = context.getBean(BinlogClient.class).settings().reconnect();
                    assertThat(reconnect.maxAttempts()).hasValue(5);
                    assertThat(reconnect.initialDelay()).isEqualTo(Duration.ofMillis(200));
                });
        runner.withPropertyValues("binlog.host=db", "binlog.username=repl", "binlog.connection.max-attempts=-1")
                .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining(
                        "binlog.connection.max-attempts=-1 is not a number of attempts: leave it unset to reconnect"
                                + " for ever"));
    }

    @Test
    void maxEventSizeIsADataSizeOfOneGigabyteByDefault() {
        runner.withPropertyValues("binlog.host=db", "binlog.username=repl").run(context -> assertThat(
                context.getBean(BinlogClient.class).settings().maxEventSize()).isEqualTo(1073741824L));
        runner.withPropertyValues("binlog.host=db", "binlog.username=repl", "binlog.connection.max-event-size=64MB")
                .run(context -> assertThat(context.getBean(BinlogClient.class).settings().maxEventSize())
                        .isEqualTo(67108864L));
        runner.withPropertyValues("binlog.host=db", "binlog.username=repl", "binlog.connection.max-event-size=2GB")
                .run(context -> assertThat(context).getFailure().rootCause().hasMessage(
                        "binlog.connection.max-event-size=2147483648B is outside 1KB to 2047MB; leave it unset for"
                                + " 1GB"));
    }

    @Test
    void defaultsToAFilePositionStoreAndTheLatestPosition() {
        runner.withPropertyValues("binlog.host=db", "binlog.username=repl").run(context -> {
            var settings = context.getBean(BinlogClient.class).settings();
            assertThat(settings.server().port()).isEqualTo(3306);
            assertThat(settings.startPosition()).isEqualTo(StartPosition.latest());
            assertThat(settings.positionStore()).hasToString("file " + Path.of("binlog.position").toAbsolutePath());
            assertThat(context.getBean(BinlogStreamLifecycle.class).isAutoStartup()).isFalse();
        });
    }

    @Test
    void followsTheMysqlDataSourceWhenNoHostIsGiven() {
        // Boot's DataSource auto-configuration and its JdbcConnectionDetails; no pool on the test classpath, so its
        // generic DataSource with the MariaDB driver, which never connects here.
        ApplicationContextRunner runner = this.runner
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
                .withPropertyValues("spring.datasource.type=" + SimpleDriverDataSource.class.getName(),
                        "spring.datasource.driver-class-name=org.mariadb.jdbc.Driver");
        runner.withPropertyValues("spring.datasource.url=jdbc:mariadb://db.internal:3310/shop?useSsl=false",
                "spring.datasource.username=app", "spring.datasource.password=pw").run(context -> {
                    var settings = context.getBean(BinlogClient.class).settings();
                    assertThat(settings.server().host()).isEqualTo("db.internal");
                    assertThat(settings.server().port()).isEqualTo(3310);
                    assertThat(settings.server().user()).isEqualTo("app");
                    assertThat(settings.server().password()).isEqualTo("pw");
                });
        runner.withPropertyValues("spring.datasource.url=jdbc:mysql://10.1.2.3/shop",
                "spring.datasource.username=app", "binlog.username=repl").run(context -> {
                    var settings = context.getBean(BinlogClient.class).settings();
                    assertThat(settings.server().host()).isEqualTo("10.1.2.3");
                    assertThat(settings.server().port()).isEqualTo(3306);
                    assertThat(settings.server().user()).isEqualTo("repl");
                });
    }

    @Test
    void userBeansReplaceOurs() {
        runner.withPropertyValues("binlog.host=db", "binlog.username=repl")
                .withUserConfiguration(OwnStore.class)
                .run(context -> assertThat(context.getBean(BinlogClient.class).settings().positionStore())
                        .isSameAs(context.getBean(PositionStore.class)).isSameAs(OwnStore.STORE));
        runner.withPropertyValues("binlog.host=db", "binlog.username=repl")
                .withUserConfiguration(OwnClient.class)
                .run(context -> assertThat(context.getBean(BinlogClient.class)).isSameAs(OwnClient.CLIENT));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnStore {
        static final PositionStore STORE = PositionStore.inMemory();

        @Bean
        PositionStore myStore() {
            return STORE;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnClient {
        static final BinlogClient CLIENT = BinlogClient.builder().host("other").user("u").listener(c -> { }).build();

        @Bean
        BinlogClient myClient() {
            return CLIENT;
        }
    }

    @Test
    void parsesJdbcUrls() {
        assertThat(JdbcUrls.parse("jdbc:mysql://[::1]:3307/db")).isEqualTo(new JdbcUrls.HostAndPort("::1", 3307));
        assertThat(JdbcUrls.parse("jdbc:mariadb://h1,h2/db")).isEqualTo(new JdbcUrls.HostAndPort("h1", 3306));
        assertThat(JdbcUrls.parse("jdbc:h2:mem:x")).isNull();
    }
}
