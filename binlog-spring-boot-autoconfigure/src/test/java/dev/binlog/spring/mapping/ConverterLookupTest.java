package dev.binlog.spring.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import org.junit.jupiter.api.Test;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.converter.GenericConverter;

class ConverterLookupTest {

    private final ConverterLookup lookup = (ConverterLookup) BinlogConversions.service();

    @Test
    void numberFactoryConverterIsResolvedForTheTargetClassOnce() {
        GenericConverter converter = lookup.converter(TypeDescriptor.valueOf(Long.class),
                TypeDescriptor.valueOf(int.class));

        Object converted = converter.convert(42L, TypeDescriptor.valueOf(Long.class),
                TypeDescriptor.valueOf(int.class));

        assertThat(converted).isEqualTo(42);
        assertThat(converter.convert(7L, TypeDescriptor.valueOf(Long.class), TypeDescriptor.valueOf(int.class)))
                .isEqualTo(7);
        assertThat(lookup.converter(TypeDescriptor.valueOf(Integer.class), TypeDescriptor.valueOf(BigDecimal.class))
                .convert(5, TypeDescriptor.valueOf(Integer.class), TypeDescriptor.valueOf(BigDecimal.class)))
                .isEqualTo(new BigDecimal("5"));
    }

    @Test
    void textToEnumGoesThroughTheEnumFactory() {
        GenericConverter converter = lookup.converter(TypeDescriptor.valueOf(String.class),
                TypeDescriptor.valueOf(DayOfWeek.class));

        assertThat(converter.convert("MONDAY", TypeDescriptor.valueOf(String.class),
                TypeDescriptor.valueOf(DayOfWeek.class))).isEqualTo(DayOfWeek.MONDAY);
    }

    @Test
    void anApplicationConverterAddedLaterWinsOverTheFactory() {
        lookup.addConverter(Long.class, Integer.class, (Converter<Long, Integer>) n -> (int) (n * 10));

        GenericConverter converter = lookup.converter(TypeDescriptor.valueOf(Long.class),
                TypeDescriptor.valueOf(Integer.class));

        assertThat(converter.convert(4L, TypeDescriptor.valueOf(Long.class), TypeDescriptor.valueOf(Integer.class)))
                .isEqualTo(40);
    }
}
