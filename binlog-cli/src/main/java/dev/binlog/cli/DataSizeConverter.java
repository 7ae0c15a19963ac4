package dev.binlog.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a size in bytes: plain bytes ({@code 1048576}) or with a binary unit, as Spring Boot's {@code DataSize} reads
 * it ({@code 64MiB}, {@code 64MB}, {@code 64M}, {@code 1GiB}, {@code 512KiB}: K, M and G are 1024, 1024² and 1024³).
 */
final class DataSizeConverter implements ITypeConverter<Long> {

    private static final Pattern SIZE = Pattern.compile("(\\d{1,19})\\s*(|B|K|KB|KIB|M|MB|MIB|G|GB|GIB)");

    @Override
    public Long convert(String text) {
        Matcher m = SIZE.matcher(text.trim().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw new TypeConversionException("'" + text + "' is not a size; use bytes (1048576) or a number with"
                    + " KiB, MiB or GiB (64MiB, 1GiB)");
        }
        int shift = switch (m.group(2).isEmpty() ? 'B' : m.group(2).charAt(0)) {
            case 'K' -> 10;
            case 'M' -> 20;
            case 'G' -> 30;
            default -> 0;
        };
        try {
            long value = Long.parseLong(m.group(1));
            if (value > Long.MAX_VALUE >> shift) {
                throw new NumberFormatException();
            }
            return value << shift;
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + text + "' is too large a size");
        }
    }
}
