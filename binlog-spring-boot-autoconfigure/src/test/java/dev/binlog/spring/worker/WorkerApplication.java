package dev.binlog.spring.worker;

import dev.binlog.spring.OnInsert;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A worker application as a user writes one: no web server, one listener that prints what it receives. Run in a JVM
 * of its own by {@code WorkerApplicationLiveTest}; connection settings come as {@code --binlog.*} arguments.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class WorkerApplication {

    /** The rows the worker receives. */
    public record Job(int id, String name) {
    }

    /** Prints each new job on standard output. */
    public static class JobListener {
        @OnInsert(table = "${worker.table}")
        public void on(Job job) {
            System.out.println("worker received job " + job.id() + " " + job.name());
        }
    }

    @Bean
    JobListener jobListener() {
        return new JobListener();
    }

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(WorkerApplication.class);
        application.setDefaultProperties(Map.of("spring.main.web-application-type", "none",
                "spring.main.banner-mode", "off"));
        application.run(args);
    }
}
