package dev.binlog.spring.mapping;

import dev.binlog.Row;
import dev.binlog.spring.BinlogColumn;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.core.MethodParameter;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;

/**
 * Maps rows to one type, records through their canonical constructor and classes through a no-argument constructor
 * and their fields. The plan (which column feeds which component, and its target type) is built once.
 *
 * @param <T> the target type
 */
final class ObjectRowMapper<T> implements RowMapper<T> {

    private final Class<T> type;
    private final ConversionService conversions;
    private final List<Slot> slots;
    private final Constructor<T> constructor;

    /** One component or field: where its value comes from and what it must become. */
    private record Slot(String label, List<String> columns, TypeDescriptor target, Field field) {
    }

    private final JsonColumnReader json;

    ObjectRowMapper(Class<T> type, ConversionService conversions, JsonColumnReader json) {
        this.type = type;
        this.conversions = conversions;
        this.json = json;
        this.slots = new ArrayList<>();
        try {
            if (type.isRecord()) {
                RecordComponent[] components = type.getRecordComponents();
                Class<?>[] types = new Class<?>[components.length];
                for (int i = 0; i < components.length; i++) {
                    RecordComponent c = components[i];
                    types[i] = c.getType();
                    BinlogColumn explicit = c.getAnnotation(BinlogColumn.class);
                    slots.add(new Slot(c.getName(), columnNames(c.getName(), explicit),
                            new TypeDescriptor(MethodParameter.forExecutable(c.getAccessor(), -1)), null));
                }
                this.constructor = type.getDeclaredConstructor(types);
            } else {
                this.constructor = type.getDeclaredConstructor();
                for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                    for (Field field : c.getDeclaredFields()) {
                        if (Modifier.isStatic(field.getModifiers()) || field.isSynthetic()) {
                            continue;
                        }
                        field.setAccessible(true);
                        slots.add(new Slot(field.getName(), columnNames(field.getName(),
                                field.getAnnotation(BinlogColumn.class)), new TypeDescriptor(field), field));
                    }
                }
            }
            constructor.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type.getName() + " cannot receive rows: it needs a no-argument"
                    + " constructor (or must be a record)", e);
        }
    }

    @Override
    public Class<T> type() {
        return type;
    }

    private static List<String> columnNames(String name, BinlogColumn explicit) {
        if (explicit != null) {
            return List.of(explicit.value());
        }
        String snake = name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        return snake.equals(name) ? List.of(name) : List.of(name, snake);
    }

    /** The row as a {@code T}, or {@code null} for a {@code null} row. */
    @Override
    public T map(Row row) {
        if (row == null) {
            return null;
        }
        Object[] values = new Object[slots.size()];
        for (int i = 0; i < slots.size(); i++) {
            values[i] = value(row, slots.get(i));
        }
        try {
            if (type.isRecord()) {
                return constructor.newInstance(values);
            }
            T target = constructor.newInstance();
            for (int i = 0; i < slots.size(); i++) {
                if (values[i] != null || !slots.get(i).target().isPrimitive()) {
                    slots.get(i).field().set(target, values[i]);
                }
            }
            return target;
        } catch (ReflectiveOperationException e) {
            throw new MappingException("cannot create " + type.getName() + ": " + e.getMessage(), e);
        }
    }

    private Object value(Row row, Slot slot) {
        for (String column : slot.columns()) {
            if (row.has(column)) {
                Object raw = row.get(column);
                if (raw == null) {
                    if (slot.target().isPrimitive()) {
                        throw new MappingException("column '" + column + "' is NULL but " + type.getSimpleName() + "."
                                + slot.label() + " is a primitive " + slot.target().getType().getName()
                                + "; declare it as " + boxed(slot.target().getType()) + " to receive NULL", null);
                    }
                    return null;
                }
                try {
                    TypeDescriptor source = TypeDescriptor.forObject(raw);
                    if (raw instanceof String text && json != null
                            && !conversions.canConvert(source, slot.target())) {
                        return json.read(text, slot.target());
                    }
                    return conversions.convert(raw, source, slot.target());
                } catch (RuntimeException e) {
                    throw new MappingException("column '" + column + "' (" + raw.getClass().getSimpleName()
                            + ") cannot become " + type.getSimpleName() + "." + slot.label() + " ("
                            + slot.target() + "): " + e.getMessage(), e);
                }
            }
        }
        if (slot.target().isPrimitive() && type.isRecord()) {
            throw new MappingException("no column " + slot.columns() + " for the primitive " + type.getSimpleName()
                    + "." + slot.label(), null);
        }
        return null;
    }

    private static String boxed(Class<?> primitive) {
        return primitive == int.class ? "Integer" : primitive == char.class ? "Character"
                : Character.toUpperCase(primitive.getName().charAt(0)) + primitive.getName().substring(1);
    }
}
