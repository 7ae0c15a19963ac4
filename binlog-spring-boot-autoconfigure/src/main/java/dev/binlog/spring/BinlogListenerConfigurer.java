package dev.binlog.spring;

import dev.binlog.spring.listener.ListenerEndpoint;
import dev.binlog.spring.listener.ListenerRegistry;

/**
 * Registers listeners in code, for methods that cannot carry annotations; every bean of this type is called once at
 * startup.
 *
 * <pre>{@code
 * @Bean BinlogListenerConfigurer auditListener(Audit audit) throws NoSuchMethodException {
 *     Method method = Audit.class.getMethod("record", RowChange.class);
 *     return registry -> registry.register(new ListenerEndpoint("audit", audit, "audit", method,
 *             List.of("shop.*"), Set.of(), Set.of(), "", ""));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface BinlogListenerConfigurer {

    void configure(ListenerRegistry registry);
}
