package dev.binlog.spring.mapping;

import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.GenericConverter;
import org.springframework.core.convert.support.DefaultConversionService;

/**
 * Spring's default conversions that also say which converter serves a pair of types, so that a row mapper looks it
 * up once per column and value class instead of once per value. Converters added later (the application's
 * {@code Converter} beans) take part as in any {@link DefaultConversionService}: a mapper asks only when it maps.
 */
final class ConverterLookup extends DefaultConversionService {

    /** The converter {@link #convert(Object, TypeDescriptor, TypeDescriptor)} would use, or {@code null}. */
    GenericConverter converter(TypeDescriptor source, TypeDescriptor target) {
        return getConverter(source, target);
    }
}
