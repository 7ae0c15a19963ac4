package dev.binlog.spring.mapping;

import dev.binlog.Row;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.convert.ConversionService;

/** Builds and caches one {@link RowMapper} per target type. */
public final class RowMappers {

    private final ConversionService conversions;
    private final JsonColumnReader json;
    private final Map<Class<?>, RowMapper<?>> mappers = new ConcurrentHashMap<>();

    /** @param json reads JSON columns into trees or objects; {@code null} without Jackson */
    public RowMappers(ConversionService conversions, JsonColumnReader json) {
        this.conversions = conversions;
        this.json = json;
    }

    @SuppressWarnings("unchecked")
    public <T> RowMapper<T> forType(Class<T> type) {
        return (RowMapper<T>) mappers.computeIfAbsent(type, t -> new ObjectRowMapper<>(t, conversions, json));
    }

    /** Rows as their {@code Map<String, Object>} view. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public RowMapper<Map<String, Object>> mapView() {
        return new RowMapper<>() {
            @Override
            public Map<String, Object> map(Row row) {
                return row == null ? null : row.asMap();
            }

            @Override
            public Class<Map<String, Object>> type() {
                return (Class) Map.class;
            }
        };
    }
}
