package dev.binlog.spring.listener;

import dev.binlog.ChangeType;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;

/**
 * One listener method as declared: what it listens to and where it lives.
 *
 * @param id           listener id ({@code bean.method} unless given)
 * @param bean         the bean to invoke (possibly an AOP proxy)
 * @param beanName     its name, for error messages
 * @param method       the method to invoke on {@code bean}
 * @param tables       {@code schema.table} patterns, placeholders resolved
 * @param types        change types; all when empty
 * @param columns      for UPDATE, fire only when one of these changed; any when empty
 * @param condition    SpEL condition, or empty
 * @param errorHandler name of a {@link dev.binlog.spring.BinlogErrorHandler} bean, or empty
 */
public record ListenerEndpoint(String id, Object bean, String beanName, Method method, List<String> tables,
        Set<ChangeType> types, Set<String> columns, String condition, String errorHandler) {
}
