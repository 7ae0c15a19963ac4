package dev.binlog.spring.listener;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.PropertyAccessor;
import org.springframework.expression.TypedValue;

/**
 * Lets a condition read map entries as properties ({@code #row.total}) and, on mapped rows, record components, fields
 * and getters by name ({@code #after.customerName}), whatever their visibility. Read-only.
 */
final class MapKeyAccessor implements PropertyAccessor {

    @Override
    public Class<?>[] getSpecificTargetClasses() {
        return null;
    }

    @Override
    public boolean canRead(EvaluationContext context, Object target, String name) {
        if (target instanceof Map<?, ?> map) {
            return map.containsKey(name);
        }
        return target != null && (accessor(target.getClass(), name) != null || field(target.getClass(), name) != null);
    }

    @Override
    public TypedValue read(EvaluationContext context, Object target, String name) {
        if (target instanceof Map<?, ?> map) {
            return new TypedValue(map.get(name));
        }
        try {
            Method method = accessor(target.getClass(), name);
            if (method != null) {
                return new TypedValue(method.invoke(target));
            }
            return new TypedValue(field(target.getClass(), name).get(target));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + name + " of " + target.getClass().getSimpleName(), e);
        }
    }

    /** Whether rows of {@code type} have a property {@code name}: a record component, field or getter. */
    static boolean hasProperty(Class<?> type, String name) {
        return accessor(type, name) != null || field(type, name) != null;
    }

    private static Method accessor(Class<?> type, String name) {
        String capitalized = name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
        for (String candidate : new String[] {name, "get" + capitalized, "is" + capitalized}) {
            Method method = method(type, candidate);
            if (method != null && (type.isRecord() || !candidate.equals(name))) {
                return method;
            }
        }
        return null;
    }

    private static Method method(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                Method method = c.getDeclaredMethod(name);
                if (!Modifier.isStatic(method.getModifiers()) && method.getReturnType() != void.class) {
                    method.setAccessible(true);
                    return method;
                }
            } catch (NoSuchMethodException e) {
                // look further up
            }
        }
        return null;
    }

    private static Field field(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                Field field = c.getDeclaredField(name);
                if (!Modifier.isStatic(field.getModifiers())) {
                    field.setAccessible(true);
                    return field;
                }
            } catch (NoSuchFieldException e) {
                // look further up
            }
        }
        return null;
    }

    @Override
    public boolean canWrite(EvaluationContext context, Object target, String name) {
        return false;
    }

    @Override
    public void write(EvaluationContext context, Object target, String name, Object newValue) {
        throw new UnsupportedOperationException("conditions cannot change values");
    }
}
