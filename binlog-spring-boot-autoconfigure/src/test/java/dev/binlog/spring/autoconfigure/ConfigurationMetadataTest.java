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
        assertThat(hinted).contains("binlog.start-position", "binlog.error-handling.mode", "binlog.listener.validate");
        List<String> all = new ArrayList<>();
        metadata.get("properties").forEach(p -> all.add(p.get("name").asText()));
        assertThat(all).contains("management.health.binlog.enabled");
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
