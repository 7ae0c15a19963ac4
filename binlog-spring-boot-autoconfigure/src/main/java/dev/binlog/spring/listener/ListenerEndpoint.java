package dev.binlog.spring.listener;

import dev.binlog.ChangeType;
import java.beans.Introspector;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.aop.support.AopUtils;

/**
 * One listener method as declared: what it listens to and where it lives. {@code @BinlogListener} methods become
 * endpoints by themselves; for a method registered in code, from a {@link dev.binlog.spring.BinlogListenerConfigurer},
 * use {@link #builder()}:
 *
 * <pre>{@code
 * @Bean BinlogListenerConfigurer auditListener(Audit audit) {
 *     return registry -> registry.register(ListenerEndpoint.builder()
 *             .bean("audit", audit)
 *             .method("record")                  // Audit.record(RowChange)
 *             .tables("shop.*")
 *             .on(ChangeType.DELETE)
 *             .errorHandler("auditErrors")
 *             .build());
 * }
 * }</pre>
 *
 * @param id           listener id ({@code bean.method} unless given)
 * @param bean         the bean to invoke (possibly an AOP proxy)
 * @param beanName     its name, for error messages
 * @param method       the method to invoke on {@code bean}
 * @param tables       {@code schema.table} patterns, placeholders resolved
 * @param types        change types; when empty, all but {@code READ} (snapshot rows)
 * @param columns      for UPDATE, fire only when one of these changed; any when empty
 * @param condition    SpEL condition, or empty
 * @param errorHandler name of a {@link dev.binlog.spring.BinlogErrorHandler} bean, or empty
 * @param kind         what the method receives: row changes, schema changes or commits
 * @param schemas      for a schema-change listener, schema name patterns, placeholders resolved; else empty
 */
public record ListenerEndpoint(String id, Object bean, String beanName, Method method, List<String> tables,
        Set<ChangeType> types, Set<String> columns, String condition, String errorHandler, Kind kind,
        List<String> schemas) {

    /** What a listener method receives. */
    public enum Kind {
        /** Row changes: {@code @BinlogListener}, {@code @OnInsert}, {@code @OnUpdate}, {@code @OnDelete}. */
        ROW_CHANGES("@BinlogListener"),
        /** DDL statements: {@code @OnSchemaChange}. */
        SCHEMA_CHANGES("@OnSchemaChange"),
        /** Transactions at commit: {@code @OnCommit}. */
        COMMITS("@OnCommit");

        private final String annotation;

        Kind(String annotation) {
            this.annotation = annotation;
        }

        /** The annotation that declares such a listener, for messages. */
        public String annotation() {
            return annotation;
        }
    }

    public ListenerEndpoint {
        kind = kind == null ? Kind.ROW_CHANGES : kind;
        schemas = schemas == null ? List.of() : List.copyOf(schemas);
    }

    /** A row-change listener. */
    public ListenerEndpoint(String id, Object bean, String beanName, Method method, List<String> tables,
            Set<ChangeType> types, Set<String> columns, String condition, String errorHandler) {
        this(id, bean, beanName, method, tables, types, columns, condition, errorHandler, Kind.ROW_CHANGES, List.of());
    }

    /** A builder for an endpoint registered in code; the same choices as {@code @BinlogListener}'s attributes. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link ListenerEndpoint}; a bean and a method are required, everything else has the annotation's default. */
    public static final class Builder {

        private String id;
        private Object bean;
        private String beanName;
        private Method method;
        private String methodName;
        private final List<String> tables = new ArrayList<>();
        private final Set<ChangeType> types = EnumSet.noneOf(ChangeType.class);
        private final Set<String> columns = new LinkedHashSet<>();
        private String condition = "";
        private String errorHandler = "";
        private Kind kind = Kind.ROW_CHANGES;
        private final List<String> schemas = new ArrayList<>();

        private Builder() {
        }

        /** The listener's id in metrics and the {@code binlog} endpoint; {@code beanName.method} by default. */
        public Builder id(String value) {
            id = value;
            return this;
        }

        /** The object whose method is called; its name in errors is its class's, decapitalised. */
        public Builder bean(Object value) {
            return bean(null, value);
        }

        /** The bean whose method is called (it may be an AOP proxy), and its name for error messages. */
        public Builder bean(String name, Object value) {
            bean = value;
            beanName = name;
            return this;
        }

        /** The method to call, declared by the bean's class (or an interface its proxy exposes). */
        public Builder method(Method value) {
            method = value;
            methodName = null;
            return this;
        }

        /** The method to call, by name: the bean's class must declare exactly one method of that name. */
        public Builder method(String name) {
            methodName = name;
            method = null;
            return this;
        }

        /** {@code schema.table} patterns ({@code *} wildcards); all tables when none. */
        public Builder tables(String... patterns) {
            tables.addAll(Arrays.asList(patterns));
            return this;
        }

        /** Change types to receive; when none, all but {@code READ} (snapshot rows). */
        public Builder on(ChangeType... changeTypes) {
            types.addAll(Arrays.asList(changeTypes));
            return this;
        }

        /** For UPDATEs: fire only when one of these columns changed; any change when none. */
        public Builder columns(String... names) {
            columns.addAll(Arrays.asList(names));
            return this;
        }

        /** SpEL condition over what the method receives, as {@code @BinlogListener(condition = ...)}. */
        public Builder condition(String spel) {
            condition = spel == null ? "" : spel;
            return this;
        }

        /** Name of a {@link dev.binlog.spring.BinlogErrorHandler} bean, resolved when the endpoint is registered. */
        public Builder errorHandler(String beanName) {
            errorHandler = beanName == null ? "" : beanName;
            return this;
        }

        /**
         * What the method receives: row changes (the default), schema changes (as {@code @OnSchemaChange}) or
         * commits (as {@code @OnCommit}).
         */
        public Builder kind(Kind value) {
            kind = value == null ? Kind.ROW_CHANGES : value;
            return this;
        }

        /** For a schema-change listener: schema name patterns, as {@code @OnSchemaChange(schema = ...)}. */
        public Builder schemas(String... patterns) {
            schemas.addAll(Arrays.asList(patterns));
            return this;
        }

        /** The endpoint; throws {@link InvalidListenerException} naming what is missing. */
        public ListenerEndpoint build() {
            if (bean == null) {
                throw new InvalidListenerException("a listener endpoint needs a bean: builder().bean(name, bean)");
            }
            Class<?> target = AopUtils.getTargetClass(bean);
            String name = beanName != null ? beanName : Introspector.decapitalize(target.getSimpleName());
            Method resolved = method != null ? method : byName(target, name);
            if (resolved == null) {
                throw new InvalidListenerException("the listener endpoint for bean '" + name + "' needs a method: "
                        + "builder().method(\"name\") or method(Method)");
            }
            Method invocable = AopUtils.selectInvocableMethod(resolved, bean.getClass());
            String listenerId = id != null && !id.isBlank() ? id : name + "." + resolved.getName();
            return new ListenerEndpoint(listenerId, bean, name, invocable, List.copyOf(tables),
                    types.isEmpty() ? Set.of() : EnumSet.copyOf(types), Collections.unmodifiableSet(new LinkedHashSet<>(columns)), condition, errorHandler,
                    kind, schemas);
        }

        private Method byName(Class<?> target, String name) {
            if (methodName == null) {
                return null;
            }
            List<Method> candidates = new ArrayList<>();
            for (Class<?> c = target; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Method m : c.getDeclaredMethods()) {
                    if (m.getName().equals(methodName) && !m.isSynthetic() && !m.isBridge()) {
                        candidates.add(m);
                    }
                }
                if (!candidates.isEmpty()) {
                    break;
                }
            }
            if (candidates.size() != 1) {
                throw new InvalidListenerException("bean '" + name + "' (" + target.getName() + ") has "
                        + (candidates.isEmpty() ? "no method" : candidates.size() + " methods") + " named '"
                        + methodName + "'; pass the Method: builder().method(" + target.getSimpleName()
                        + ".class.getMethod(...))");
            }
            return candidates.get(0);
        }
    }
}
