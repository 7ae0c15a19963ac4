package dev.binlog.cli;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a point in time: an ISO-8601 instant or offset date-time ({@code 2026-11-23T10:15:30Z},
 * {@code 2026-11-23T12:15:30+02:00}), or a local date-time in this machine's time zone, as mysqlbinlog takes it
 * ({@code 2026-11-23 10:15:30}).
 */
final class TimeConverter implements ITypeConverter<Instant> {

    private final ZoneId zone;

    TimeConverter() {
        this(ZoneId.systemDefault());
    }

    TimeConverter(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public Instant convert(String text) {
        String t = text.trim();
        try {
            return Instant.parse(t);
        } catch (DateTimeException notAnInstant) {
            // try the other accepted forms
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeException notOffset) {
            // try the other accepted forms
        }
        try {
            return LocalDateTime.parse(t.replace(' ', 'T')).atZone(zone).toInstant();
        } catch (DateTimeException notLocal) {
            throw new TypeConversionException("'" + text + "' is not a time; use 2026-11-23T10:15:30Z,"
                    + " 2026-11-23T12:15:30+02:00 or '2026-11-23 10:15:30' (local time)");
        }
    }
}
