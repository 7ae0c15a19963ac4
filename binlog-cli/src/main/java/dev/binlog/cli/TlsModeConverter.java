package dev.binlog.cli;

import dev.binlog.TlsMode;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --ssl-mode} as the mysql client spells it ({@code verify-ca}, documented), and also {@code verify_ca} and
 * {@code VERIFY_CA}: the three spellings users bring from the mysql client, Connector/J and our own enum.
 */
final class TlsModeConverter implements ITypeConverter<TlsMode> {

    @Override
    public TlsMode convert(String text) {
        String name = text.trim().replace('-', '_').toUpperCase(Locale.ROOT);
        try {
            return TlsMode.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + text + "' is not an SSL mode; use " + String.join(", ",
                    new Candidates()));
        }
    }

    /** The documented spellings, for --help and completion. */
    static String spelling(TlsMode mode) {
        return mode.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** {@code disabled, preferred, required, verify-ca, verify-identity}. */
    static final class Candidates implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(TlsMode.values()).map(TlsModeConverter::spelling).iterator();
        }
    }
}
