package dev.binlog.kafka;

import java.io.ByteArrayOutputStream;
import java.util.function.Consumer;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonFactory;

/** Writes one JSON document to bytes (UTF-8), reusing one buffer: used on the stream's thread only. */
final class JsonBytes {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);

    byte[] write(Consumer<JsonGenerator> body) {
        buffer.reset();
        try (JsonGenerator json = FACTORY.createGenerator(buffer)) {
            body.accept(json);
        }
        return buffer.toByteArray();
    }
}
