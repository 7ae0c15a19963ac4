package dev.binlog.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test method that runs once per available server (see {@link TestServers}); the method takes a
 * {@link LiveServer} parameter. The report names each run after its server, e.g. {@code [MariaDB 11.4.5 (embedded)]}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith(LiveServerExtension.class)
public @interface LiveTest {
}
