package dev.binlog.spring.listener;

import dev.binlog.ChangeMetadata;
import dev.binlog.ChangeType;
import dev.binlog.Row;
import dev.binlog.RowChange;
import dev.binlog.spring.After;
import dev.binlog.spring.Before;
import dev.binlog.spring.BinlogArgumentResolver;
import dev.binlog.spring.BinlogChange;
import dev.binlog.spring.BinlogQuery;
import dev.binlog.spring.mapping.RowMapper;
import dev.binlog.spring.mapping.RowMappers;
import java.util.List;
import java.util.Map;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;

/** Chooses how each parameter of a listener method is served, and rejects what cannot be, at startup. */
final class ArgumentResolvers {

    static final String SUPPORTED = "Supported: a POJO or record, @Before/@After T, BinlogChange<T>,"
            + " Map<String, Object>, Row, RowChange, ChangeMetadata, ChangeType, List<BinlogChange<T>>,"
            + " @BinlogQuery String, or what a BinlogArgumentResolver bean supports";

    private final RowMappers mappers;
    private final List<BinlogArgumentResolver> custom;

    ArgumentResolvers(RowMappers mappers, List<BinlogArgumentResolver> custom) {
        this.mappers = mappers;
        this.custom = List.copyOf(custom);
    }

    /**
     * The application's resolver for a parameter that is none of the built-in kinds, or {@code null}: asked before a
     * parameter of any other class is taken to be the row type.
     */
    private BinlogArgumentResolver customFor(MethodParameter parameter) {
        Class<?> type = parameter.getParameterType();
        if (type == RowChange.class || type == ChangeMetadata.class || type == ChangeType.class || type == Map.class
                || type == Row.class || type == BinlogChange.class || isBatch(parameter)
                || parameter.hasParameterAnnotation(BinlogQuery.class) || parameter.hasParameterAnnotation(Before.class) || parameter.hasParameterAnnotation(After.class)) {
            return null;
        }
        for (BinlogArgumentResolver resolver : custom) {
            if (resolver.supportsParameter(parameter)) {
                return resolver;
            }
        }
        return null;
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

    /**
     * The mapper of the row type the parameter receives ({@code T}, {@code @Before T}, {@code BinlogChange<T>}), or
     * {@code null} for a parameter that receives no mapped row.
     */
    RowMapper<?> rowMapper(MethodParameter parameter, ListenerEndpoint endpoint) {
        Class<?> type = parameter.getParameterType();
        if (isBatch(parameter)) {
            return batchElementMapper(parameter, endpoint);
        }
        if (type == BinlogChange.class) {
            return mapper(ResolvableType.forMethodParameter(parameter).getGeneric(0), endpoint, parameter);
        }
        if (type == RowChange.class || type == ChangeMetadata.class || type == ChangeType.class || type == Map.class
                || type == Row.class || parameter.hasParameterAnnotation(BinlogQuery.class) || !isRowType(type)
                || customFor(parameter) != null) {
            return null;
        }
        return forType(type, endpoint, parameter);
    }

    private RowMapper<?> forType(Class<?> type, ListenerEndpoint endpoint, MethodParameter parameter) {
        try {
            return mappers.forType(type);
        } catch (IllegalStateException e) {
            throw unsupported(endpoint, parameter, e.getMessage());
        }
    }

    private static boolean isRowType(Class<?> type) {
        return !(type.isPrimitive() || type.getName().startsWith("java.") || type.isArray() || type.isInterface());
    }

    ArgumentResolver forParameter(MethodParameter parameter, ListenerEndpoint endpoint) {
        Class<?> type = parameter.getParameterType();
        if (parameter.hasParameterAnnotation(BinlogQuery.class)) {
            if (type != String.class) {
                throw unsupported(endpoint, parameter, "@BinlogQuery is the statement's text: declare it String");
            }
            // null when the server logs no statements with its row events
            return images -> images.change().metadata().query();
        }
        if (type == RowChange.class) {
            return Images::change;
        }
        if (type == ChangeMetadata.class) {
            return images -> images.change().metadata();
        }
        if (type == ChangeType.class) {
            return images -> images.change().type();
        }
        boolean before = parameter.hasParameterAnnotation(Before.class);
        boolean after = parameter.hasParameterAnnotation(After.class);
        if (type == Map.class) {
            return images -> Images.asMap(image(images.change(), before, after));
        }
        if (type == Row.class) {
            return images -> image(images.change(), before, after);
        }
        if (type == BinlogChange.class) {
            RowMapper<?> mapper = rowMapper(parameter, endpoint);
            return images -> typed(images, mapper);
        }
        BinlogArgumentResolver resolver = customFor(parameter);
        if (resolver != null) {
            return images -> resolver.resolveArgument(parameter, images.change());
        }
        if (!isRowType(type)) {
            throw unsupported(endpoint, parameter, "a " + type.getName() + " cannot hold a row");
        }
        RowMapper<?> mapper = forType(type, endpoint, parameter);
        return images -> {
            if (images.mapsWith(mapper)) {
                return before ? images.before() : after ? images.after() : images.row();
            }
            return mapper.map(image(images.change(), before, after));
        };
    }

    private static Row image(RowChange change, boolean before, boolean after) {
        return before ? change.before() : after ? change.after() : change.row();
    }

    static BinlogChange<Object> typed(Images images, RowMapper<?> mapper) {
        RowChange change = images.change();
        if (images.mapsWith(mapper)) {
            return new BinlogChange<>(change.type(), change.schema(), change.table(), images.before(),
                    images.after(), change.changedColumns(), change.metadata());
        }
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
        return forType(target, endpoint, parameter);
    }

    static InvalidListenerException unsupported(ListenerEndpoint endpoint, MethodParameter parameter, String why) {
        return new InvalidListenerException(describe(endpoint) + ": parameter " + (parameter.getParameterIndex() + 1)
                + " (" + parameter.getParameterType().getSimpleName() + " " + parameter.getParameterName()
                + ") cannot be served: " + why + ". " + SUPPORTED);
    }

    /** {@code @BinlogListener bean 'orders' method onNew}: how startup errors name a listener. */
    static String describe(ListenerEndpoint endpoint) {
        return endpoint.kind().annotation() + " bean '" + endpoint.beanName() + "' method " + endpoint.method().getName();
    }
}
