package dev.binlog.bench.debezium;

import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Debezium's embedded engine with a consumer that does nothing but hand on the id of each record of one operation:
 * {@code "c"} for the rows a catch-up streams, {@code "r"} for those its initial snapshot reads. Loaded only by
 * {@code DebeziumRowStream}'s own class loader (Debezium's fork of mysql-binlog-connector-java shares connector-j's
 * package names), and called through JDK types only.
 */
public final class DebeziumEngineRun implements AutoCloseable {

    private final DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "debezium-engine"));
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private final CountDownLatch started = new CountDownLatch(1);

    private DebeziumEngineRun(Properties config, String op, LongConsumer onRow) {
        // Connect records as they are (Struct), not serialized to JSON: the cheapest form the engine hands over.
        engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                .using(config)
                .using(getClass().getClassLoader())
                .using((success, message, error) -> {
                    if (!success) {
                        failure.compareAndSet(null, error != null ? error : new IllegalStateException(message));
                    }
                    started.countDown();
                })
                .using(new DebeziumEngine.ConnectorCallback() {
                    @Override
                    public void taskStarted() {
                        started.countDown();
                    }
                })
                .notifying(event -> {
                    if (event.record().value() instanceof Struct value && op.equals(value.getString("op"))) {
                        onRow.accept(value.getStruct("after").getInt64("id"));
                    }
                })
                .build();
        executor.execute(engine);
    }

    /**
     * Starts the engine on a thread of its own and waits until its task runs; the returned handle stops it. Throws
     * when the engine stopped instead (bad configuration, grants, an unreachable server).
     */
    public static AutoCloseable start(Properties config, LongConsumer onRow) throws Exception {
        return start(config, "c", onRow);
    }

    /** As {@link #start(Properties, LongConsumer)}, handing on the ids of records whose {@code op} is {@code op}. */
    public static AutoCloseable start(Properties config, String op, LongConsumer onRow) throws Exception {
        DebeziumEngineRun run = new DebeziumEngineRun(config, op, onRow);
        boolean ready = run.started.await(60, TimeUnit.SECONDS);
        if (!ready || run.failure.get() != null) {
            run.close();
            throw new IllegalStateException("Debezium's engine did not start: "
                    + (ready ? run.failure.get() : "no task running after 60 s"), run.failure.get());
        }
        return run;
    }

    /** Why the engine stopped on its own, if it did. */
    @Override
    public String toString() {
        Throwable t = failure.get();
        return t == null ? "running" : t.toString();
    }

    @Override
    public void close() throws Exception {
        engine.close();
        executor.shutdown();
        executor.awaitTermination(30, TimeUnit.SECONDS);
    }
}
