package dev.binlog.sample;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells a first-time user, in two lines, how to reach the database and what to try. */
@Component
class StartupHints {

    private static final Logger LOG = LoggerFactory.getLogger(StartupHints.class);

    private final Environment environment;

    StartupHints(Environment environment) {
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void printHints() {
        String client = environment.getProperty("sample.embedded-db.client");
        String port = environment.getProperty("sample.embedded-db.actual-port");
        String web = environment.getProperty("local.server.port", "8080");
        if (client != null) {
            LOG.info("Embedded MariaDB on port {}: connect with `{} -h 127.0.0.1 -P {} -u root shop`"
                    + " (or any mysql/mariadb client); the binlog stream connects as '{}'"
                    + " (REPLICATION SLAVE, REPLICATION CLIENT, SELECT)", port, client, port,
                    environment.getProperty("binlog.username"));
        } else {
            LOG.info("Using the database at {}", environment.getProperty("spring.datasource.url"));
        }
        LOG.info("Try it: open http://localhost:{}/ , then run `UPDATE products SET price = price + 1 WHERE id = 1;`"
                + " and watch product 1 leave the cache", web);
    }
}
