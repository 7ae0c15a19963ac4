package dev.binlog.spring.listener;

import dev.binlog.ChangeMetadata;
import dev.binlog.ChangeType;
import dev.binlog.Row;
import dev.binlog.RowChange;
import dev.binlog.spring.After;
import dev.binlog.spring.Before;
import dev.binlog.spring.BinlogChange;
import dev.binlog.spring.mapping.RowMapper;
import dev.binlog.spring.mapping.RowMappers;
import java.util.List;
import java.util.Map;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;

/** Chooses how each parameter of a listener method is served, and rejects what cannot be, at startup. */
final class ArgumentResolvers {

    private final RowMappers mappers;

    ArgumentResolvers(RowMappers mappers) {
        this.mappers = mappers;
    }

    /** Whether the method takes a {@code List<BinlogChange<T>>}: one call per transaction. */
    static boolean isBatch(MethodParameter parameter) {
        return List.class.isAssignableFrom(parameter.getParameterType());
    }

    /** The element mapper of a batch parameter {@code List<BinlogChange<T>>}. */
    RowMapper<?> batchElementMapper(MethodParameter parameter, ListenerEndpoint endpoint) {
        ResolvableType element = ResolvableType.forMethodParameter(parameter).getGeneric(0);
        if (element.resolve() != BinlogChange.class) {
            throw unsupported(endpoint, parameter, "a List must be List<BinlogChange<T>>");
        }
        return mapper(element.getGeneric(0), endpoint, parameter);
    }

    ArgumentResolver forParameter(MethodParameter parameter, ListenerEndpoint endpoint) {
        Class<?> type = parameter.getParameterType();
        if (type == RowChange.class) {
            return change -> change;
        }
        if (type == ChangeMetadata.class) {
            return RowChange::metadata;
        }
        if (type == ChangeType.class) {
            return RowChange::type;
        }
        boolean before = parameter.hasParameterAnnotation(Before.class);
        boolean after = parameter.hasParameterAnnotation(After.class);
        if (type == Map.class) {
            return change -> {
                Row row = before ? change.before() : after ? change.after() : change.row();
                return row == null ? null : row.asMap();
            };
        }
        if (type == Row.class) {
            return change -> before ? change.before() : after ? change.after() : change.row();
        }
        if (type == BinlogChange.class) {
            RowMapper<?> mapper = mapper(ResolvableType.forMethodParameter(parameter).getGeneric(0), endpoint,
                    parameter);
            return change -> typed(change, mapper);
        }
        if (type.isPrimitive() || type.getName().startsWith("java.") || type.isArray() || type.isInterface()) {
            throw unsupported(endpoint, parameter, "a " + type.getName() + " cannot hold a row");
        }
        RowMapper<?> mapper = mappers.forType(type);
        if (before) {
            return change -> mapper.map(change.before());
        }
        if (after) {
            return change -> mapper.map(change.after());
        }
        return change -> mapper.map(change.row());
    }

    static BinlogChange<Object> typed(RowChange change, RowMapper<?> mapper) {
        return new BinlogChange<>(change.type(), change.schema(), change.table(), mapper.map(change.before()),
                mapper.map(change.after()), change.changedColumns(), change.metadata());
    }

    private RowMapper<?> mapper(ResolvableType type, ListenerEndpoint endpoint, MethodParameter parameter) {
        Class<?> target = type.resolve();
        if (target == null || target == Object.class) {
            throw unsupported(endpoint, parameter, "name the row type: BinlogChange<YourType>");
        }
        if (target == Map.class) {
            return mappers.mapView();
        }
        return mappers.forType(target);
    }

    static IllegalStateException unsupported(ListenerEndpoint endpoint, MethodParameter parameter, String why) {
        return new IllegalStateException("@BinlogListener bean '" + endpoint.beanName() + "' method "
                + endpoint.method().getName() + ": parameter " + (parameter.getParameterIndex() + 1) + " ("
                + parameter.getParameterType().getSimpleName() + " " + parameter.getParameterName()
                + ") cannot be served: " + why + ". Supported: a POJO or record, @Before/@After T, BinlogChange<T>,"
                + " Map<String, Object>, RowChange, ChangeMetadata, List<BinlogChange<T>>");
    }
}
