package dev.binlog.spring.listener;

import java.util.Map;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.PropertyAccessor;
import org.springframework.expression.TypedValue;

/** Lets a condition read map entries as properties ({@code #after.total}) and record components by name. */
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
        return target != null && accessor(target, name) != null;
    }

    @Override
    public TypedValue read(EvaluationContext context, Object target, String name) {
        if (target instanceof Map<?, ?> map) {
            return new TypedValue(map.get(name));
        }
        try {
            return new TypedValue(accessor(target, name).invoke(target));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static java.lang.reflect.Method accessor(Object target, String name) {
        try {
            java.lang.reflect.Method method = target.getClass().getMethod(name);
            return method.getParameterCount() == 0 ? method : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
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
