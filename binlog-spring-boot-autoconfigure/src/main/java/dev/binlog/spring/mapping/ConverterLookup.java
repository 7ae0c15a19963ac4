package dev.binlog.spring.mapping;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.converter.ConverterFactory;
import org.springframework.core.convert.converter.GenericConverter;
import org.springframework.core.convert.support.DefaultConversionService;

/**
 * Spring's default conversions that also say which converter serves a pair of types, so that a row mapper looks it
 * up once per column and value class instead of once per value. Converters added later (the application's
 * {@code Converter} beans) take part as in any {@link DefaultConversionService}: a mapper asks only when it maps.
 *
 * <p>A {@link ConverterFactory} (numbers to numbers, text to enums) is registered through an adapter that asks the
 * factory for its converter on every value, resolving the target class each time; for such a pair the lookup hands
 * out the factory's converter for the target class itself, which is what the adapter would call.
 */
final class ConverterLookup extends DefaultConversionService {

    /** The factory behind each adapter Spring made for one; filled while the super constructor registers them. */
    private Map<GenericConverter, ConverterFactory<?, ?>> factories;
    private ConverterFactory<?, ?> registering;

    @Override
    public void addConverterFactory(ConverterFactory<?, ?> factory) {
        registering = factory;
        try {
            super.addConverterFactory(factory);
        } finally {
            registering = null;
        }
    }

    @Override
    public void addConverter(GenericConverter converter) {
        if (registering != null) {
            if (factories == null) {
                factories = Collections.synchronizedMap(new IdentityHashMap<>());
            }
            factories.put(converter, registering);
        }
        super.addConverter(converter);
    }

    /** The converter {@link #convert(Object, TypeDescriptor, TypeDescriptor)} would use, or {@code null}. */
    GenericConverter converter(TypeDescriptor source, TypeDescriptor target) {
        GenericConverter converter = getConverter(source, target);
        ConverterFactory<?, ?> factory = converter == null || factories == null ? null : factories.get(converter);
        return factory == null ? converter : new FactoryConverter(converter, resolve(factory, target.getObjectType()));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Converter<Object, Object> resolve(ConverterFactory factory, Class<?> target) {
        return factory.getConverter(target);
    }

    /** A factory's converter for one target class; only ever given values that are not null. */
    private record FactoryConverter(GenericConverter adapter, Converter<Object, Object> resolved)
            implements GenericConverter {

        @Override
        public Set<ConvertiblePair> getConvertibleTypes() {
            return adapter.getConvertibleTypes();
        }

        @Override
        public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
            return source == null ? adapter.convert(null, sourceType, targetType) : resolved.convert(source);
        }
    }
}
