package dev.binlog.spring;

import dev.binlog.spring.listener.ListenerEndpoint;
import dev.binlog.spring.listener.ListenerRegistry;

/**
 * Registers listeners in code, for methods that cannot carry annotations. Every bean of this type is called once, in
 * {@code @Order}, after all singletons exist and the {@code @BinlogListener} methods are registered (before the stream
 * starts); each endpoint is checked as it is registered, like an annotated method, so a mistake fails the start.
 *
 * <pre>{@code
 * @Bean BinlogListenerConfigurer auditListener(Audit audit) {
 *     return registry -> registry.register(ListenerEndpoint.builder()
 *             .bean("audit", audit)
 *             .method("record")
 *             .tables("shop.*")
 *             .build());
 * }
 * }</pre>
 *
 * @see ListenerEndpoint#builder()
 */
@FunctionalInterface
public interface BinlogListenerConfigurer {

    void configure(ListenerRegistry registry);
}
