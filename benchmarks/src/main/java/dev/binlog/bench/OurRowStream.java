package dev.binlog.bench;

import dev.binlog.ClientState;
import dev.binlog.StartPosition;
import dev.binlog.TableFilter;
import dev.binlog.TlsMode;
import dev.binlog.stream.BinlogClient;
import dev.binlog.testsupport.MariaDbProcess;
import java.util.function.LongConsumer;

/** binlog-core's {@link BinlogClient} with a plain {@code ChangeListener}. */
final class OurRowStream implements RowStream {

    private final MariaDbProcess server;
    private BinlogClient client;

    OurRowStream(MariaDbProcess server) {
        this.server = server;
    }

    @Override
    public String name() {
        return "ours";
    }

    @Override
    public void start(String file, long position, LongConsumer onRow) throws InterruptedException {
        client = BinlogClient.builder()
                .host(server.host()).port(server.port()).user(server.adminUser()).password(server.adminPassword())
                .tlsMode(TlsMode.DISABLED)
                .startPosition(StartPosition.at(file, position))
                .filter(TableFilter.builder().include("bench.e2e").build())
                .listener(change -> onRow.accept((Long) change.after().get(0)))
                .build();
        client.start();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (client.state() != ClientState.STREAMING) {
            if (client.state() == ClientState.FAILED || System.nanoTime() > deadline) {
                throw new IllegalStateException("our client did not start streaming: " + client.state() + " "
                        + client.lastError().map(Throwable::toString).orElse(""));
            }
            Thread.sleep(5);
        }
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
