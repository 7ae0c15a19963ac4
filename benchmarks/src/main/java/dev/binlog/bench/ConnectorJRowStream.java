package dev.binlog.bench;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import dev.binlog.bench.ConnectorJDecoder.Mode;
import dev.binlog.testsupport.MariaDbProcess;
import java.io.IOException;
import java.io.Serializable;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;

/**
 * mysql-binlog-connector-java's {@link BinaryLogClient} with an event listener. Only {@code bench.e2e} is written
 * during a run, so every WRITE_ROWS event is ours to count.
 */
final class ConnectorJRowStream implements RowStream {

    private final MariaDbProcess server;
    private final Mode mode;
    private BinaryLogClient client;

    ConnectorJRowStream(MariaDbProcess server, Mode mode) {
        this.server = server;
        this.mode = mode;
    }

    @Override
    public String name() {
        return mode == Mode.DEFAULT ? "connector_j_default" : "connector_j_fast";
    }

    @Override
    public void start(String file, long position, LongConsumer onRow) throws IOException, TimeoutException {
        client = new BinaryLogClient(server.host(), server.port(), server.adminUser(), server.adminPassword());
        client.setServerId(2_000_000_000L + (System.nanoTime() & 0xFFFF));
        client.setBinlogFilename(file);
        client.setBinlogPosition(position);
        client.setKeepAlive(false);
        client.setEventDeserializer(ConnectorJDecoder.deserializer(mode));
        client.registerEventListener(event -> {
            if (event.getData() instanceof WriteRowsEventData write) {
                for (Serializable[] row : write.getRows()) {
                    onRow.accept(((Number) row[0]).longValue());
                }
            }
        });
        client.connect(20_000);
    }

    @Override
    public void close() throws IOException {
        if (client != null) {
            client.disconnect();
        }
    }
}
