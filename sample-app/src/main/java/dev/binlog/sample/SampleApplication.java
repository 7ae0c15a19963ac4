package dev.binlog.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cache.annotation.EnableCaching;

/**
 * Cache invalidation driven by the binary log: products are served from a Caffeine cache, and a
 * {@code @BinlogListener} evicts exactly the rows that change, whoever changes them.
 */
@SpringBootApplication
@EnableCaching
public class SampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
