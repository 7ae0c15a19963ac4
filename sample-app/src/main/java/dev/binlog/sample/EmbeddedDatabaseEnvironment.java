package dev.binlog.sample;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the embedded MariaDB before the application context when the user gave no {@code spring.datasource.url}, and
 * points the data source at it. With a URL of their own, nothing is started.
 */
public final class EmbeddedDatabaseEnvironment implements EnvironmentPostProcessor {

    static final String PORT_PROPERTY = "sample.embedded-db.port";

    private static EmbeddedDatabase running;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty("spring.datasource.url")) {
            return;
        }
        EmbeddedDatabase db = startOnce(environment.getProperty(PORT_PROPERTY, Integer.class, 3307));
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", "jdbc:mariadb://127.0.0.1:" + db.port() + "/shop");
        properties.put("spring.datasource.username", "root");
        properties.put("spring.datasource.password", "");
        properties.put("spring.sql.init.mode", "always");
        properties.put("sample.embedded-db.client", db.client().toString());
        properties.put("sample.embedded-db.actual-port", db.port());
        environment.getPropertySources().addFirst(new MapPropertySource("embeddedMariaDb", properties));
    }

    private static synchronized EmbeddedDatabase startOnce(int port) {
        if (running == null) {
            running = EmbeddedDatabase.start(port);
            Runtime.getRuntime().addShutdownHook(new Thread(running::stop, "embedded-mariadb-stop"));
        }
        return running;
    }
}
