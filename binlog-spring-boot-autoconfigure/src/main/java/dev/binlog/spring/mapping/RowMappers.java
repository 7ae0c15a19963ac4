package dev.binlog.spring.mapping;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.convert.ConversionService;

/** Builds and caches one {@link RowMapper} per target type. */
public final class RowMappers {

    private final ConversionService conversions;
    private final Map<Class<?>, RowMapper<?>> mappers = new ConcurrentHashMap<>();

    public RowMappers(ConversionService conversions) {
        this.conversions = conversions;
    }

    @SuppressWarnings("unchecked")
    public <T> RowMapper<T> forType(Class<T> type) {
        return (RowMapper<T>) mappers.computeIfAbsent(type, t -> new ObjectRowMapper<>(t, conversions));
    }

    /** Rows as their {@code Map<String, Object>} view. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public RowMapper<Map<String, Object>> mapView() {
        return new RowMapper<>() {
            @Override
            public Map<String, Object> map(dev.binlog.Row row) {
                return row == null ? null : row.asMap();
            }

            @Override
            public Class<Map<String, Object>> type() {
                return (Class) Map.class;
            }
        };
    }
}
