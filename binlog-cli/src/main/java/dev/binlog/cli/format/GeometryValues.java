package dev.binlog.cli.format;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a geometry value (SRID + WKB with a WKT helper) without compiling against its class: binlog-core has no
 * public geometry type yet, so any value with public no-argument {@code wkt()}/{@code toWkt()} ({@code String}),
 * {@code wkb()} ({@code byte[]}) and {@code srid()} ({@code int}) methods is treated as one.
 */
final class GeometryValues {

    private static final Map<Class<?>, Accessors> ACCESSORS = new ConcurrentHashMap<>();

    private GeometryValues() {
    }

    /** The value's WKT, or {@code null} when it is not a geometry. */
    static String wkt(Object value) {
        Method method = accessors(value).wkt;
        return method == null ? null : (String) invoke(method, value);
    }

    /** The value's WKB, or {@code null} when it has none. */
    static byte[] wkb(Object value) {
        Method method = accessors(value).wkb;
        return method == null ? null : (byte[]) invoke(method, value);
    }

    /** The value's SRID, or 0 when it has none. */
    static int srid(Object value) {
        Method method = accessors(value).srid;
        return method == null ? 0 : ((Number) invoke(method, value)).intValue();
    }

    private static Accessors accessors(Object value) {
        return ACCESSORS.computeIfAbsent(value.getClass(), type -> new Accessors(
                find(type, String.class, "wkt", "toWkt", "asWkt"),
                find(type, byte[].class, "wkb", "toWkb", "asWkb"),
                find(type, null, "srid")));
    }

    private static Method find(Class<?> type, Class<?> returnType, String... names) {
        for (String name : names) {
            try {
                Method method = type.getMethod(name);
                boolean fits = returnType == null
                        ? method.getReturnType() == int.class || method.getReturnType() == Integer.class
                        : method.getReturnType() == returnType;
                if (fits) {
                    method.setAccessible(true);
                    return method;
                }
            } catch (NoSuchMethodException | RuntimeException e) {
                // not this name; try the next
            }
        }
        return null;
    }

    private static Object invoke(Method method, Object value) {
        try {
            return method.invoke(value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read geometry value of " + value.getClass().getName(), e);
        }
    }

    private record Accessors(Method wkt, Method wkb, Method srid) {
    }
}
