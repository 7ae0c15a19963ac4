package dev.binlog.spring.mapping;

import dev.binlog.Column;
import dev.binlog.ColumnNames;
import dev.binlog.Row;
import dev.binlog.spring.BinlogColumn;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.core.MethodParameter;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.GenericConverter;

/**
 * Maps rows to one type, records through their canonical constructor and classes through a no-argument constructor
 * and their fields. Nothing is lost silently:
 * <ul>
 * <li>every field or component needs a column ({@code name} or its {@code snake_case}, or {@link BinlogColumn}); one
 * without a column fails the mapping, naming table, field and the columns tried, unless it is
 * {@code @BinlogColumn(optional = true)}; a column the table has but the row image lacks ({@code binlog_row_image=
 * MINIMAL}) gives {@code null};</li>
 * <li>a number with a fraction into an integer type ({@code int}, {@code long}, {@code BigInteger}…) fails, as does a
 * value out of the target's range; into {@code float}/{@code double} it is rounded to the nearest value;</li>
 * <li>SQL NULL into a primitive fails.</li>
 * </ul>
 * The plan (which column feeds which field, through which converter) is built once per table definition; per row
 * only the values are read and converted.
 *
 * @param <T> the target type
 */
final class ObjectRowMapper<T> implements RowMapper<T> {

    private static final Set<Class<?>> INTEGRAL = Set.of(byte.class, short.class, int.class, long.class, Byte.class,
            Short.class, Integer.class, Long.class, BigInteger.class);

    private final Class<T> type;
    private final ConversionService conversions;
    private final List<Slot> slots;
    private final Constructor<T> constructor;
    private final JsonColumnReader json;
    private final boolean isRecord;
    /** The plan for the table definition seen last: column index per slot, -1 for none. */
    private volatile Plan plan;

    /** One component or field: where its value comes from and what it must become. */
    private record Slot(String label, List<String> columns, boolean optional, TypeDescriptor target, Field field,
            boolean primitive, boolean integral, Object defaultValue) {

        Slot(String label, List<String> columns, boolean optional, TypeDescriptor target, Field field) {
            this(label, columns, optional, target, field, target.isPrimitive(), INTEGRAL.contains(target.getType()),
                    ObjectRowMapper.defaultValue(target.getType()));
        }
    }

    /**
     * What one table definition needs, built on its first row: the column index per slot ({@code -1} for none) and
     * per slot the conversion of the value class seen last ({@code null} until a value arrives).
     */
    private record Plan(ColumnNames names, int[] indexes, Conversion[] conversions) {
    }

    ObjectRowMapper(Class<T> type, ConversionService conversions, JsonColumnReader json) {
        this.type = type;
        this.conversions = conversions;
        this.json = json;
        this.isRecord = type.isRecord();
        this.slots = new ArrayList<>();
        try {
            if (type.isRecord()) {
                RecordComponent[] components = type.getRecordComponents();
                Class<?>[] types = new Class<?>[components.length];
                for (int i = 0; i < components.length; i++) {
                    RecordComponent c = components[i];
                    types[i] = c.getType();
                    BinlogColumn explicit = c.getAnnotation(BinlogColumn.class);
                    slots.add(new Slot(c.getName(), columnNames(c.getName(), explicit), optional(explicit),
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
                        BinlogColumn explicit = field.getAnnotation(BinlogColumn.class);
                        slots.add(new Slot(field.getName(), columnNames(field.getName(), explicit),
                                optional(explicit), new TypeDescriptor(field), field));
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

    private static boolean optional(BinlogColumn explicit) {
        return explicit != null && explicit.optional();
    }

    private static List<String> columnNames(String name, BinlogColumn explicit) {
        if (explicit != null && !explicit.value().isBlank()) {
            return List.of(explicit.value());
        }
        String snake = name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        return snake.equals(name) ? List.of(name) : List.of(name, snake);
    }

    @Override
    public List<String> check(String table, Map<String, String> columnTypes) {
        List<String> problems = new ArrayList<>();
        for (Slot slot : slots) {
            String column = slot.columns().stream().filter(c -> find(columnTypes, c) != null).findFirst()
                    .orElse(null);
            if (column == null) {
                if (!slot.optional()) {
                    problems.add(missing(table, slot, columnTypes.keySet()));
                }
                continue;
            }
            String sqlType = find(columnTypes, column).toLowerCase(Locale.ROOT);
            if (INTEGRAL.contains(slot.target().getType()) && hasFraction(sqlType)) {
                problems.add("column '" + column + "' of " + table + " is " + sqlType + ", but "
                        + type.getSimpleName() + "." + slot.label() + " is " + slot.target().getType().getSimpleName()
                        + ", which would lose the fraction; declare it as BigDecimal or double");
            }
        }
        return problems;
    }

    private static String find(Map<String, String> columnTypes, String column) {
        String exact = columnTypes.get(column);
        if (exact != null) {
            return exact;
        }
        return columnTypes.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(column))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private static boolean hasFraction(String sqlType) {
        if (sqlType.startsWith("float") || sqlType.startsWith("double") || sqlType.startsWith("real")) {
            return true;
        }
        if (sqlType.startsWith("decimal") || sqlType.startsWith("numeric")) {
            int comma = sqlType.indexOf(',');
            return comma > 0 && !sqlType.substring(comma + 1).trim().startsWith("0)");
        }
        return false;
    }

    private String missing(String table, Slot slot, Iterable<String> columns) {
        return table + " has no column " + String.join(" or ", slot.columns().stream().map(c -> "'" + c + "'")
                .toList()) + " for " + type.getSimpleName() + "." + slot.label() + " (columns: " + String.join(", ",
                columns) + "); name its column with @BinlogColumn(\"...\"), or mark it @BinlogColumn(optional = true)";
    }

    /** The row as a {@code T}, or {@code null} for a {@code null} row. */
    @Override
    public T map(Row row) {
        if (row == null) {
            return null;
        }
        Plan current = plan(row.names());
        Object[] values = new Object[slots.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = value(row, current, i);
        }
        try {
            if (isRecord) {
                return constructor.newInstance(values);
            }
            T target = constructor.newInstance();
            for (int i = 0; i < values.length; i++) {
                Slot slot = slots.get(i);
                if (values[i] != null || !slot.primitive()) {
                    slot.field().set(target, values[i]);
                }
            }
            return target;
        } catch (ReflectiveOperationException e) {
            throw new MappingException("cannot create " + type.getName() + ": " + e.getMessage(), e);
        }
    }

    private Plan plan(ColumnNames names) {
        Plan known = plan;
        if (known != null && known.names() == names) {
            return known;
        }
        int[] indexes = new int[slots.size()];
        for (int i = 0; i < slots.size(); i++) {
            Slot slot = slots.get(i);
            indexes[i] = -1;
            for (String column : slot.columns()) {
                int index = names.indexOf(column);
                if (index >= 0) {
                    indexes[i] = index;
                    break;
                }
            }
            if (indexes[i] < 0 && !slot.optional()) {
                throw new MappingException(missing("the table", slot, names.asList()), null);
            }
        }
        Plan built = new Plan(names, indexes, new Conversion[slots.size()]);
        plan = built;
        return built;
    }

    private Object value(Row row, Plan current, int i) {
        Slot slot = slots.get(i);
        int index = current.indexes()[i];
        if (index < 0 || !row.isPresent(index)) {
            return slot.defaultValue();
        }
        Object raw = row.get(index);
        if (raw == null) {
            if (slot.primitive()) {
                throw new MappingException("column '" + row.names().get(index) + "' is NULL but "
                        + type.getSimpleName() + "." + slot.label() + " is a primitive "
                        + slot.target().getType().getName() + "; declare it as " + boxed(slot.target().getType())
                        + " to receive NULL", null);
            }
            return null;
        }
        if (slot.integral()) {
            checkIntegral(row, index, raw, slot);
        }
        Conversion conversion = current.conversions()[i];
        if (conversion == null || conversion.source() != raw.getClass()) {
            conversion = conversion(raw, slot);
            current.conversions()[i] = conversion;
        }
        try {
            Object converted = conversion.apply(raw, slot.target());
            if (converted instanceof Float f && f.isInfinite() && raw instanceof Number n
                    && !Double.isInfinite(n.doubleValue())) {
                throw new ArithmeticException("out of the range of float");
            }
            return converted;
        } catch (RuntimeException e) {
            // Not the conversion's message: it quotes the value, and row values never reach logs or endpoints.
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw new MappingException("column '" + row.names().get(index) + "' (" + valueType(row, index, raw)
                    + ") cannot become " + type.getSimpleName() + "." + slot.label() + " (" + slot.target()
                    + "): " + root.getClass().getSimpleName(), e);
        }
    }

    private void checkIntegral(Row row, int index, Object raw, Slot slot) {
        Class<?> target = slot.target().getType();
        if (hasFraction(raw)) {
            throw new MappingException("column '" + row.names().get(index) + "' (" + valueType(row, index, raw)
                    + ") holds a value with a fraction, which " + type.getSimpleName() + "." + slot.label() + " ("
                    + target.getSimpleName() + ") would lose; declare it as BigDecimal or double", null);
        }
        if (raw instanceof Number number && !fits(number, target)) {
            throw new MappingException("column '" + row.names().get(index) + "' (" + valueType(row, index, raw)
                    + ") holds a value out of the range of " + type.getSimpleName() + "." + slot.label() + " ("
                    + target.getSimpleName() + "); declare it as a larger type (long, BigInteger or BigDecimal)",
                    null);
        }
    }

    /** How values of {@code raw}'s class become the slot's type: decided on the first such value of a plan. */
    private Conversion conversion(Object raw, Slot slot) {
        TypeDescriptor source = TypeDescriptor.forObject(raw);
        if (raw instanceof String && json != null && !conversions.canConvert(source, slot.target())) {
            return new Conversion(conversions, raw.getClass(), source, null, json);
        }
        GenericConverter converter = conversions instanceof ConverterLookup lookup
                ? lookup.converter(source, slot.target()) : null;
        return new Conversion(conversions, raw.getClass(), source, converter, null);
    }

    /**
     * One column's conversion for one value class: the converter the conversion service would pick, called directly
     * as {@code GenericConversionService.convert} does (same failures), or the JSON reader for text no converter
     * takes; without a known converter, the service itself.
     */
    private static final class Conversion {
        private final ConversionService conversions;
        private final Class<?> source;
        private final TypeDescriptor sourceType;
        private final GenericConverter converter;
        private final JsonColumnReader jsonReader;

        Conversion(ConversionService conversions, Class<?> source, TypeDescriptor sourceType,
                GenericConverter converter, JsonColumnReader jsonReader) {
            this.conversions = conversions;
            this.source = source;
            this.sourceType = sourceType;
            this.converter = converter;
            this.jsonReader = jsonReader;
        }

        Class<?> source() {
            return source;
        }

        Object apply(Object raw, TypeDescriptor target) {
            if (jsonReader != null) {
                return jsonReader.read((String) raw, target);
            }
            if (converter == null) {
                return conversions.convert(raw, sourceType, target);
            }
            Object result;
            try {
                result = converter.convert(raw, sourceType, target);
            } catch (ConversionFailedException e) {
                throw e;
            } catch (Throwable e) {
                throw new ConversionFailedException(sourceType, target, raw, e);
            }
            if (result == null && target.isPrimitive()) {
                throw new ConversionFailedException(sourceType, target, null,
                        new IllegalArgumentException("A null value cannot be assigned to a primitive type"));
            }
            return result;
        }
    }

    static Object defaultValue(Class<?> target) {
        if (!target.isPrimitive()) {
            return null;
        }
        if (target == boolean.class) {
            return false;
        }
        if (target == char.class) {
            return '\0';
        }
        if (target == float.class || target == double.class) {
            return target == float.class ? (Object) 0f : (Object) 0d;
        }
        return target == long.class ? (Object) 0L : target == int.class ? (Object) 0
                : target == short.class ? (Object) (short) 0 : (Object) (byte) 0;
    }

    /** Whether a whole number fits the integer type {@code target}. */
    private static boolean fits(Number number, Class<?> target) {
        BigInteger value = number instanceof BigInteger big ? big : number instanceof BigDecimal decimal
                ? decimal.toBigInteger() : BigInteger.valueOf(number.longValue());
        if (target == BigInteger.class) {
            return true;
        }
        long max = target == byte.class || target == Byte.class ? Byte.MAX_VALUE
                : target == short.class || target == Short.class ? Short.MAX_VALUE
                : target == int.class || target == Integer.class ? Integer.MAX_VALUE : Long.MAX_VALUE;
        return value.compareTo(BigInteger.valueOf(max)) <= 0 && value.compareTo(BigInteger.valueOf(-max - 1)) >= 0;
    }

    private static boolean hasFraction(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal.signum() != 0 && decimal.stripTrailingZeros().scale() > 0;
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) && d != Math.rint(d);
        }
        return false;
    }

    /** {@code NEWDECIMAL, BigDecimal}: the column's binlog type when known, and the Java type of its value. */
    private static String valueType(Row row, int index, Object raw) {
        Column column = row.column(index);
        String java = raw.getClass().getSimpleName();
        return column == null || column.type() == null ? java : column.type() + ", " + java;
    }

    private static String boxed(Class<?> primitive) {
        return primitive == int.class ? "Integer" : primitive == char.class ? "Character"
                : Character.toUpperCase(primitive.getName().charAt(0)) + primitive.getName().substring(1);
    }
}
