package dev.binlog.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The generated configuration metadata (what IDEs complete) describes every {@code binlog.*} property, carries the
 * value hints, and the README's property table names every property, so the documentation cannot fall behind.
 */
class ConfigurationMetadataTest {

    private static JsonNode metadata() throws Exception {
        try (InputStream in = ConfigurationMetadataTest.class.getResourceAsStream(
                "/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("generated metadata on the classpath").isNotNull();
            return JsonMapper.builder().build().readTree(in);
        }
    }

    private static List<String> binlogProperties(JsonNode metadata) {
        List<String> names = new ArrayList<>();
        for (JsonNode property : metadata.get("properties")) {
            String name = property.get("name").asText();
            if (name.startsWith("binlog.")) {
                names.add(name);
                assertThat(property.path("description").asText()).as("description of " + name).isNotBlank();
            }
        }
        return names;
    }

    @Test
    void everyPropertyIsDescribedAndHinted() throws Exception {
        JsonNode metadata = metadata();
        assertThat(binlogProperties(metadata)).contains("binlog.host", "binlog.ssl.bundle",
                "binlog.connection.keepalive", "binlog.position-store.type", "binlog.listener.validate");
        List<String> hinted = new ArrayList<>();
        metadata.get("hints").forEach(hint -> hinted.add(hint.get("name").asText()));
        assertThat(hinted).contains("binlog.start-position", "binlog.error-handling.mode", "binlog.listener.validate",
                "binlog.cluster.mode");
        assertThat(binlogProperties(metadata)).contains("binlog.cluster.mode", "binlog.cluster.lock-name",
                "binlog.cluster.ttl", "binlog.cluster.heartbeat", "binlog.cluster.instance-id");
        List<String> all = new ArrayList<>();
        metadata.get("properties").forEach(p -> all.add(p.get("name").asText()));
        assertThat(all).contains("management.health.binlog.enabled");
    }

    @Test
    void snapshotPropertiesCarryTheirDefaults() throws Exception {
        JsonNode metadata = metadata();
        java.util.Map<String, String> defaults = new java.util.LinkedHashMap<>();
        for (JsonNode property : metadata.get("properties")) {
            String name = property.get("name").asText();
            if (name.startsWith("binlog.snapshot.") && property.has("defaultValue")) {
                defaults.put(name, property.get("defaultValue").asText());
            }
        }
        assertThat(defaults).containsEntry("binlog.snapshot.mode", "never")
                .containsEntry("binlog.snapshot.kind", "consistent").containsEntry("binlog.snapshot.watermark", "table")
                .containsEntry("binlog.snapshot.signal-table", "binlog_signal")
                .containsEntry("binlog.snapshot.chunk-size", "10000");
        List<String> hinted = new ArrayList<>();
        metadata.get("hints").forEach(hint -> hinted.add(hint.get("name").asText()));
        assertThat(hinted).contains("binlog.snapshot.kind", "binlog.snapshot.watermark");
    }

    @Test
    void readmeTableNamesEveryProperty() throws Exception {
        Path readme = Path.of("../README.md");
        String text = Files.readString(readme);
        for (String name : binlogProperties(metadata())) {
            String leaf = name.substring(name.lastIndexOf('.') + 1);
            assertThat(text.contains("`" + name + "`") || text.contains("/ `" + leaf + "`"))
                    .as(name + " in the README's property table").isTrue();
        }
    }
}
