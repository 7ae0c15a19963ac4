package dev.binlog.file;

import dev.binlog.Column;
import dev.binlog.ColumnType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.BitSet;
import java.util.Collection;
import java.util.HexFormat;

/**
 * Converts decoded column values to the conventions of the fixtures' expected JSON (see {@code value_conventions}
 * there): integers as integers, DECIMAL as exact strings, temporal values as text with the column's fraction digits,
 * TIMESTAMP in UTC, ENUM as 1-based index, SET as bitmask, BIT as 0x-hex, bytes as UTF-8 text or 0x-hex.
 */
final class JsonConventions {

    private JsonConventions() {
    }

    static Object convert(Object value, Column column) {
        if (value == null) {
            return null;
        }
        ColumnType type = realType(column);
        if (type == ColumnType.ENUM && !(value instanceof Number) && column.enumValues() != null) {
            return BigInteger.valueOf(column.enumValues().indexOf(value.toString()) + 1L);
        }
        if (type == ColumnType.SET && value instanceof Collection<?> names && column.setValues() != null) {
            long mask = 0;
            for (Object name : names) {
                mask |= 1L << column.setValues().indexOf(name.toString());
            }
            return BigInteger.valueOf(mask);
        }
        if (type == ColumnType.BIT) {
            int bits = (column.metadata() >>> 8) * 8 + (column.metadata() & 0xFF);
            return "0x" + HexFormat.of().formatHex(bitBytes(value, (bits + 7) / 8));
        }
        if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
            return BigInteger.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigInteger) {
            return value;
        }
        if (value instanceof Float || value instanceof Double) {
            return new BigDecimal(value.toString());
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof byte[] bytes) {
            return bytesText(bytes);
        }
        if (value instanceof LocalDate date) {
            return date.toString();
        }
        int fsp = fractionDigits(column);
        if (value instanceof LocalDateTime dateTime) {
            return dateTime(dateTime, fsp);
        }
        if (value instanceof Instant instant) {
            return dateTime(LocalDateTime.ofInstant(instant, ZoneOffset.UTC), fsp);
        }
        if (value instanceof OffsetDateTime odt) {
            return dateTime(odt.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime(), fsp);
        }
        if (value instanceof ZonedDateTime zdt) {
            return dateTime(zdt.withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime(), fsp);
        }
        if (value instanceof LocalTime time) {
            return time(Duration.ofNanos(time.toNanoOfDay()), fsp);
        }
        if (value instanceof Duration duration) {
            return time(duration, fsp);
        }
        return value.toString();
    }

    /** Whether a converted value equals the JSON one (numbers compared by value). */
    static boolean matches(Object converted, Object json) {
        if (converted == null || json == null) {
            return converted == json;
        }
        if (converted instanceof BigDecimal a && json instanceof Number b) {
            return a.compareTo(new BigDecimal(b.toString())) == 0
                    || Math.abs(a.doubleValue() - b.doubleValue()) <= Math.abs(b.doubleValue()) * 1e-6;
        }
        if (converted instanceof BigInteger a && json instanceof Number b) {
            return new BigDecimal(a).compareTo(new BigDecimal(b.toString())) == 0;
        }
        return converted.equals(json);
    }

    private static ColumnType realType(Column column) {
        if (column.type() == ColumnType.STRING && column.metadata() >= 256) {
            int real = column.metadata() >>> 8;
            if ((real & 0x30) == 0x30 && ColumnType.ofCode(real) != null) {
                return ColumnType.ofCode(real);
            }
        }
        return column.type();
    }

    private static int fractionDigits(Column column) {
        return switch (column.type()) {
            case DATETIME2, TIMESTAMP2, TIME2 -> column.metadata();
            default -> 0;
        };
    }

    private static String dateTime(LocalDateTime value, int fsp) {
        String text = String.format("%04d-%02d-%02d %02d:%02d:%02d", value.getYear(), value.getMonthValue(),
                value.getDayOfMonth(), value.getHour(), value.getMinute(), value.getSecond());
        return text + fraction(value.getNano(), fsp);
    }

    private static String time(Duration duration, int fsp) {
        boolean negative = duration.isNegative();
        Duration abs = duration.abs();
        String text = String.format("%s%d:%02d:%02d", negative ? "-" : "", abs.toHours(), abs.toMinutesPart(),
                abs.toSecondsPart());
        return text + fraction(abs.toNanosPart(), fsp);
    }

    private static String fraction(int nanos, int fsp) {
        if (fsp <= 0) {
            return "";
        }
        return "." + String.format("%09d", nanos).substring(0, fsp);
    }

    private static String bytesText(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return "0x" + HexFormat.of().formatHex(bytes);
        }
    }

    private static byte[] bitBytes(Object value, int length) {
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        long bits;
        if (value instanceof BitSet set) {
            bits = set.isEmpty() ? 0 : set.toLongArray()[0];
        } else {
            bits = ((Number) value).longValue();
        }
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[length - 1 - i] = (byte) (bits >>> (8 * i));
        }
        return out;
    }
}
