package dev.binlog.bench;

import dev.binlog.ChangeMetadata;
import dev.binlog.ChangeType;
import dev.binlog.ColumnNames;
import dev.binlog.Row;
import dev.binlog.RowChange;
import dev.binlog.spring.BinlogListener;
import dev.binlog.spring.autoconfigure.BinlogAutoConfiguration;
import dev.binlog.spring.listener.ListenerDispatcher;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The per-row cost of the Spring {@code @BinlogListener} path alone, without a server: synthetic INSERTs of one
 * table (the columns of {@link Workload}'s {@code bench.events}-like row) go straight into the
 * {@link ListenerDispatcher}, which maps each to a record and calls a listener method taking it.
 *
 * <pre>{@code
 * ./mvnw -o -q -pl benchmarks -am compile
 * ./mvnw -o -q -pl benchmarks exec:java -Dexec.mainClass=dev.binlog.bench.SpringDispatchBenchmark \
 *     -Dexec.args="5000000 5"
 * }</pre>
 *
 * Arguments: rows per round (default 5,000,000) and rounds (default 5; the first is warm-up and not counted).
 * Prints rows/s per round and the median of the counted rounds.
 */
public final class SpringDispatchBenchmark {

    private static final ColumnNames COLUMNS = new ColumnNames(List.of("id", "account_id", "kind", "amount",
            "note", "created_at"));

    private SpringDispatchBenchmark() {
    }

    /** The row type the listener receives. */
    public record Event(long id, int accountId, String kind, BigDecimal amount, String note,
            LocalDateTime createdAt) {
    }

    /** Counts what it receives and keeps a value, so the JIT cannot drop the mapping. */
    public static final class Sink {
        long rows;
        long checksum;

        @BinlogListener(table = "bench.events", on = ChangeType.INSERT)
        public void onInsert(Event event) {
            rows++;
            checksum += event.id() + event.accountId();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(BinlogAutoConfiguration.class)
    static class Application {
        @Bean
        Sink sink() {
            return new Sink();
        }
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 5_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
                .web(WebApplicationType.NONE).logStartupInfo(false)
                .run("--binlog.auto-startup=false", "--spring.main.banner-mode=off")) {
            ListenerDispatcher dispatcher = context.getBean(ListenerDispatcher.class);
            Sink sink = context.getBean(Sink.class);
            RowChange[] changes = changes(1024);
            double[] rates = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                long start = System.nanoTime();
                for (int i = 0; i < rows; i++) {
                    dispatcher.onChange(changes[i & 1023]);
                }
                long nanos = System.nanoTime() - start;
                rates[round] = rows * 1e9 / nanos;
                System.out.printf("round %d%s: %,.0f rows/s%n", round + 1, round == 0 ? " (warm-up)" : "",
                        rates[round]);
            }
            double[] counted = Arrays.copyOfRange(rates, Math.min(1, rounds - 1), rounds);
            Arrays.sort(counted);
            System.out.printf("median of %d counted rounds: %,.0f rows/s (%d rows delivered, checksum %d)%n",
                    counted.length, counted[counted.length / 2], sink.rows, sink.checksum);
        }
    }

    /** Distinct rows sharing one table definition, as a rows event's rows do. */
    private static RowChange[] changes(int count) {
        RowChange[] changes = new RowChange[count];
        LocalDateTime base = LocalDateTime.of(2026, 12, 1, 12, 0);
        for (int i = 0; i < count; i++) {
            Row after = new Row(COLUMNS, new Object[] {(long) i, i % 100, i % 2 == 0 ? "deposit" : "withdrawal",
                new BigDecimal(i).movePointLeft(2), "note " + i, base.plusSeconds(i)}, null);
            changes[i] = new RowChange(ChangeType.INSERT, "bench", "events", null, after, Set.of(),
                    Map.of("id", (long) i), new ChangeMetadata("mysql-bin.000001", 400 + i, null, null, 1,
                            Instant.EPOCH, i, 12L, null));
        }
        return changes;
    }
}
