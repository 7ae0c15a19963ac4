package dev.binlog.sample;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the embedded MariaDB before the application context when the user gave no {@code spring.datasource.url},
 * points the data source at it and the binlog stream at its replication user, and hands the server to the context,
 * which stops it after everything else (see {@link EmbeddedDatabaseLifecycle}). With a URL of their own, nothing is
 * started.
 */
public final class EmbeddedDatabaseEnvironment implements EnvironmentPostProcessor {

    static final String PORT_PROPERTY = "sample.embedded-db.port";
    static final String CACHE_DIR_PROPERTY = "sample.embedded-db.cache-dir";
    /** The port the sample's documentation and hints mention; another one is chosen when it is taken. */
    static final int DEFAULT_PORT = 3307;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty("spring.datasource.url")) {
            return;
        }
        String cacheDir = environment.getProperty(CACHE_DIR_PROPERTY);
        EmbeddedDatabase db = start(environment.getProperty(PORT_PROPERTY, Integer.class, DEFAULT_PORT),
                cacheDir == null || cacheDir.isBlank() ? EmbeddedDatabase.defaultCacheDir() : Path.of(cacheDir));
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", "jdbc:mariadb://127.0.0.1:" + db.port() + "/shop");
        properties.put("spring.datasource.username", "root");
        properties.put("spring.datasource.password", "");
        properties.put("spring.sql.init.mode", "always");
        // The stream follows the data source's host and port, but connects as the replication user.
        properties.put("binlog.username", EmbeddedDatabase.REPLICATION_USER);
        properties.put("binlog.password", db.replicationPassword());
        properties.put("sample.embedded-db.client", db.client().toString());
        properties.put("sample.embedded-db.actual-port", db.port());
        environment.getPropertySources().addFirst(new MapPropertySource("embeddedMariaDb", properties));
        application.addInitializers(context -> context.getBeanFactory()
                .registerSingleton("embeddedDatabaseLifecycle", new EmbeddedDatabaseLifecycle(db)));
    }

    private static EmbeddedDatabase start(int port, Path cacheDir) {
        EmbeddedDatabase db = EmbeddedDatabase.start(port, cacheDir);
        Runtime.getRuntime().addShutdownHook(new Thread(new StopAfterSpring(db), "embedded-mariadb-stop"));
        return db;
    }

    /**
     * The last resort at JVM exit, for a context that is never closed. JVM shutdown hooks run concurrently, so it
     * first waits for Spring Boot's own hook, which closes the context: the binlog stream stops gracefully, then
     * {@link EmbeddedDatabaseLifecycle} stops the server. Only a server still running after that is stopped here.
     */
    private record StopAfterSpring(EmbeddedDatabase db) implements Runnable {

        private static final String SPRING_HOOK = "SpringApplicationShutdownHook";
        /** The JVM starts all hooks at once, but this one may run before Spring Boot's has been started. */
        private static final Duration SPRING_HOOK_APPEARS_WITHIN = Duration.ofSeconds(1);
        private static final Duration SPRING_HOOK_ENDS_WITHIN = Duration.ofMinutes(2);

        @Override
        public void run() {
            try {
                Thread spring = springHook();
                long deadline = System.nanoTime() + SPRING_HOOK_APPEARS_WITHIN.toNanos();
                while (spring == null && db.isRunning() && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                    spring = springHook();
                }
                if (spring != null) {
                    spring.join(SPRING_HOOK_ENDS_WITHIN.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            db.stop();
        }

        private static Thread springHook() {
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                if (SPRING_HOOK.equals(thread.getName()) && thread.isAlive()) {
                    return thread;
                }
            }
            return null;
        }
    }
}
