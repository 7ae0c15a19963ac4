package dev.binlog.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The sample as a user meets it: the app on a random port with its embedded MariaDB; a change made behind its back
 * over plain JDBC evicts exactly the changed product within two seconds, and the audit trail (which the live feed
 * shows) says whether there was an entry to evict.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sample.embedded-db.port=0"})
class CacheInvalidationEndToEndTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Autowired
    Environment environment;

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                + environment.getProperty("local.server.port") + path)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 404 ? null : json.readTree(response.body());
    }

    private void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(environment.getProperty("spring.datasource.url"), "root", "");
                Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private JsonNode awaitProduct(String path, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        JsonNode body = get(path);
        while (!done.test(body) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            body = get(path);
        }
        return body;
    }

    private JsonNode awaitAudit(Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        JsonNode audit = get("/audit");
        while (!done.test(audit) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            audit = get("/audit");
        }
        return audit;
    }

    @Test
    void changesMadeBehindTheAppsBackEvictExactlyTheChangedEntries() throws Exception {
        assertThat(get("/products/1").get("servedFromCache").asBoolean()).isFalse();
        assertThat(get("/products/1").get("servedFromCache").asBoolean()).isTrue();
        get("/products/3");
        assertThat(get("/products/3").get("servedFromCache").asBoolean()).isTrue();

        sql("UPDATE shop.products SET name = 'x' WHERE id = 1");
        JsonNode updated = awaitProduct("/products/1", b -> "x".equals(b.get("product").get("name").asText()));
        assertThat(updated.get("product").get("name").asText()).isEqualTo("x");
        assertThat(updated.get("servedFromCache").asBoolean()).isFalse();
        assertThat(get("/products/3").get("servedFromCache").asBoolean()).as("product 3 stays cached").isTrue();

        get("/products/2");
        sql("DELETE FROM shop.products WHERE id = 2");
        assertThat(awaitProduct("/products/2", b -> b == null)).isNull();

        sql("UPDATE shop.products SET stock = stock - 1 WHERE id = 4");
        JsonNode audit = awaitAudit(a -> a.size() >= 3 && "4".equals(a.get(0).get("after").get("id").asText()));
        JsonNode notCached = audit.get(0);
        assertThat(notCached.get("type").asText()).isEqualTo("UPDATE");
        assertThat(notCached.get("cache").asText()).as("product 4 was never read, so never cached")
                .isEqualTo("NOT_CACHED");
        JsonNode delete = audit.get(1);
        assertThat(delete.get("type").asText()).isEqualTo("DELETE");
        assertThat(delete.get("before").get("name").asText()).isEqualTo("French press");
        assertThat(delete.get("after").isNull()).isTrue();
        assertThat(delete.get("cache").asText()).isEqualTo("EVICTED");
        JsonNode update = audit.get(2);
        assertThat(update.get("type").asText()).isEqualTo("UPDATE");
        assertThat(update.get("before").get("name").asText()).isEqualTo("Espresso cup");
        assertThat(update.get("after").get("name").asText()).isEqualTo("x");
        assertThat(update.get("position").asText()).startsWith("mysql-bin.");
        assertThat(update.get("cache").asText()).isEqualTo("EVICTED");

        JsonNode health = get("/actuator/health");
        assertThat(health.get("components").get("binlog").get("status").asText()).isEqualTo("UP");
    }
}
