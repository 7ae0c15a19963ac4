package dev.binlog.spring.mapping;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.support.ConfigurableConversionService;
import org.springframework.core.convert.support.DefaultConversionService;

/**
 * Conversions from binlog value types that Spring's defaults lack: numbers to booleans (TINYINT(1), BIT(1)), TIME to
 * {@link LocalTime}, TIMESTAMP to offset/zoned/local date-times in UTC, bytes to UTF-8 text.
 */
public final class BinlogConversions {

    private BinlogConversions() {
    }

    /**
     * Spring's default conversions with these registered: what the auto-configuration maps rows with. Row mappers
     * built on it choose each column's converter once per value class rather than per value.
     */
    public static DefaultConversionService service() {
        DefaultConversionService conversions = new ConverterLookup();
        register(conversions);
        return conversions;
    }

    public static void register(ConfigurableConversionService conversions) {
        conversions.addConverter(Integer.class, Boolean.class, n -> n != 0);
        conversions.addConverter(Long.class, Boolean.class, n -> n != 0);
        conversions.addConverter(Duration.class, LocalTime.class, (Converter<Duration, LocalTime>) d -> {
            if (d.isNegative() || d.toDays() > 0) {
                throw new IllegalArgumentException("TIME value " + d + " is not a time of day");
            }
            return LocalTime.ofNanoOfDay(d.toNanos());
        });
        conversions.addConverter(Instant.class, OffsetDateTime.class, i -> i.atOffset(ZoneOffset.UTC));
        conversions.addConverter(Instant.class, ZonedDateTime.class, i -> i.atZone(ZoneOffset.UTC));
        conversions.addConverter(Instant.class, LocalDateTime.class, i -> LocalDateTime.ofInstant(i, ZoneOffset.UTC));
        conversions.addConverter(byte[].class, String.class, b -> new String(b, StandardCharsets.UTF_8));
    }
}
