package dev.binlog.bench;

import dev.binlog.spring.OnInsert;
import dev.binlog.spring.autoconfigure.BinlogAutoConfiguration;
import dev.binlog.testsupport.MariaDbProcess;
import java.util.function.LongConsumer;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Spring path: the starter's auto-configuration and a {@code @BinlogListener} method taking a record, so each
 * row is mapped (columns to components, with conversion) before the listener sees it.
 */
final class SpringRowStream implements RowStream {

    /** A row of {@code bench.e2e} as the application's record. */
    record E2eRow(long id, int a, int b, int c) {
    }

    /** The application's listener; hands each mapped row's id to the benchmark. */
    static final class E2eListener {
        private final LongConsumer onRow;

        E2eListener(LongConsumer onRow) {
            this.onRow = onRow;
        }

        @OnInsert("bench.e2e")
        void inserted(E2eRow row) {
            onRow.accept(row.id());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(BinlogAutoConfiguration.class)
    static class BenchApplication {
        static volatile LongConsumer sink;

        @Bean
        E2eListener e2eListener() {
            return new E2eListener(sink);
        }
    }

    private final MariaDbProcess server;
    private ConfigurableApplicationContext context;

    SpringRowStream(MariaDbProcess server) {
        this.server = server;
    }

    @Override
    public String name() {
        return "ours_spring";
    }

    @Override
    public void start(String file, long position, LongConsumer onRow) {
        BenchApplication.sink = onRow;
        SpringApplication application = new SpringApplicationBuilder(BenchApplication.class)
                .web(WebApplicationType.NONE).logStartupInfo(false)
                .properties("spring.main.banner-mode=off", "binlog.host=" + server.host(),
                        "binlog.port=" + server.port(), "binlog.username=" + server.adminUser(),
                        "binlog.password=" + server.adminPassword(), "binlog.ssl.mode=disabled",
                        "binlog.fail-fast=true", "binlog.position-store.type=memory",
                        "binlog.start-position=" + file + ":" + position, "binlog.filter.include=bench.e2e")
                .build();
        context = application.run();
    }

    @Override
    public void close() {
        if (context != null) {
            context.close();
        }
    }
}
