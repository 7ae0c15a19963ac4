package dev.binlog.bench.debezium;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.MemoryOffsetBackingStore;

/**
 * Kafka's in-memory offset store (abstract since Kafka 4), holding from the start the offset Debezium is to resume
 * from: so that it starts at the binlog file and position the other clients start at, without a snapshot and without
 * Kafka. The offset comes as the JSON key and value of properties {@value #KEY} and {@value #VALUE}.
 */
public final class SeededOffsetStore extends MemoryOffsetBackingStore {

    /** The offset's key: {@code ["<engine name>",{"server":"<topic.prefix>"}]}. */
    public static final String KEY = "bench.seed.offset.key";
    /** The offset: {@code {"file":"...","pos":4}}. */
    public static final String VALUE = "bench.seed.offset.value";

    @Override
    public void configure(WorkerConfig config) {
        super.configure(config);
        Map<String, String> originals = config.originalsStrings();
        if (originals.containsKey(KEY)) {
            data.put(bytes(originals.get(KEY)), bytes(originals.get(VALUE)));
        }
    }

    @Override
    public Set<Map<String, Object>> connectorPartitions(String connectorName) {
        return Set.of();
    }

    private static ByteBuffer bytes(String json) {
        return ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8));
    }
}
