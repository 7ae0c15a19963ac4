package dev.binlog.bench;

import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventMetadata;
import com.github.shyiko.mysql.binlog.event.TableMapEventMetadata.DefaultCharset;
import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import com.github.shyiko.mysql.binlog.event.deserialization.json.JsonBinary;
import com.github.shyiko.mysql.binlog.event.deserialization.json.JsonStringFormatter;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a user of connector-j must write to get the Java values binlog-core delivers (README, "Java types of column
 * values"), built once per table from its TABLE_MAP and applied to connector-j's fast-mode output in place: text
 * decoded with the column's charset from the TABLE_MAP metadata, temporals from its long microseconds to
 * {@code LocalDate}/{@code LocalDateTime}/{@code Instant}/{@code Duration}, unsigned integers widened
 * ({@code Long}/{@code BigInteger}), MySQL JSON to text, ENUM/SET to their names, BIT to a number. Without charset
 * metadata text stays {@code byte[]}, as ours does (never guessed).
 */
final class ConnectorJValues {

    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    /** What one column's fast-mode value needs; a closed set, so the hot loop is one switch, not a lambda call. */
    private enum Kind { AS_IS, TEXT, UNSIGNED_8, UNSIGNED_16, UNSIGNED_24, UNSIGNED_32, UNSIGNED_64, DATE, DATETIME,
        TIMESTAMP, TIME, JSON, ENUM, SET, BIT }

    private final byte[] types;
    private final int[] metadata;
    private final Kind[] kinds;
    private final Charset[] charsets;
    private final String[][] names;

    private ConnectorJValues(TableMapEventData table) {
        types = table.getColumnTypes();
        metadata = table.getColumnMetadata();
        int n = types.length;
        kinds = new Kind[n];
        charsets = new Charset[n];
        names = new String[n][];
        TableMapEventMetadata meta = table.getEventMetadata();
        BitSet unsigned = meta == null || meta.getSignedness() == null ? new BitSet() : meta.getSignedness();
        Integer[] collations = collations(meta == null ? null : meta.getDefaultCharset(),
                meta == null ? null : meta.getColumnCharsets(), characterColumns(false));
        List<String[]> enumNames = meta == null ? null : meta.getEnumStrValues();
        List<String[]> setNames = meta == null ? null : meta.getSetStrValues();
        int character = 0;
        int enumIndex = 0;
        int setIndex = 0;
        for (int i = 0; i < n; i++) {
            ColumnType type = realType(i);
            // connector-j spreads the signedness bits (one per numeric column) onto column indexes.
            boolean isUnsigned = isNumeric(type) && unsigned.get(i);
            Charset charset = isCharacter(type) && collations != null && character < collations.length
                    ? CollationCharsets.of(collations[character]) : null;
            if (isCharacter(type)) {
                character++;
            }
            kinds[i] = switch (type) {
                case TINY -> isUnsigned ? Kind.UNSIGNED_8 : Kind.AS_IS;
                case SHORT -> isUnsigned ? Kind.UNSIGNED_16 : Kind.AS_IS;
                case INT24 -> isUnsigned ? Kind.UNSIGNED_24 : Kind.AS_IS;
                case LONG -> isUnsigned ? Kind.UNSIGNED_32 : Kind.AS_IS;
                case LONGLONG -> isUnsigned ? Kind.UNSIGNED_64 : Kind.AS_IS;
                case DATE -> Kind.DATE;
                case DATETIME, DATETIME_V2 -> Kind.DATETIME;
                case TIMESTAMP, TIMESTAMP_V2 -> Kind.TIMESTAMP;
                case TIME, TIME_V2 -> Kind.TIME;
                case JSON -> Kind.JSON;
                case BIT -> Kind.BIT;
                case ENUM -> {
                    names[i] = enumNames != null && enumIndex < enumNames.size() ? enumNames.get(enumIndex++) : null;
                    yield names[i] == null ? Kind.AS_IS : Kind.ENUM;
                }
                case SET -> {
                    names[i] = setNames != null && setIndex < setNames.size() ? setNames.get(setIndex++) : null;
                    yield names[i] == null ? Kind.AS_IS : Kind.SET;
                }
                default -> charset != null ? Kind.TEXT : Kind.AS_IS;
            };
            charsets[i] = charset;
        }
    }

    /** The converter for this TABLE_MAP: {@code previous} again when the table's columns did not change. */
    static ConnectorJValues of(TableMapEventData table, ConnectorJValues previous) {
        if (previous != null && Arrays.equals(previous.types, table.getColumnTypes())
                && Arrays.equals(previous.metadata, table.getColumnMetadata())) {
            return previous;
        }
        return new ConnectorJValues(table);
    }

    /**
     * Our values for connector-j's row image: converted in place, and spread to one value per column with
     * {@code null} for the columns absent from the image ({@code included}; connector-j compacts the row to them).
     */
    Serializable[] convert(Serializable[] row, BitSet included) {
        if (row.length == kinds.length) {
            for (int i = 0; i < row.length; i++) {
                Serializable v = row[i];
                if (v != null && kinds[i] != Kind.AS_IS) {
                    row[i] = convert(v, i);
                }
            }
            return row;
        }
        Serializable[] full = new Serializable[kinds.length];
        for (int k = 0, i = included.nextSetBit(0); k < row.length && i >= 0; k++, i = included.nextSetBit(i + 1)) {
            Serializable v = row[k];
            full[i] = v != null && kinds[i] != Kind.AS_IS ? convert(v, i) : v;
        }
        return full;
    }

    private Serializable convert(Serializable v, int i) {
        return switch (kinds[i]) {
            case AS_IS -> v;
            case TEXT -> new String((byte[]) v, charsets[i]);
            case UNSIGNED_8 -> ((Integer) v) & 0xFF;
            case UNSIGNED_16 -> ((Integer) v) & 0xFFFF;
            case UNSIGNED_24 -> ((Integer) v) & 0xFFFFFF;
            case UNSIGNED_32 -> ((Integer) v) & 0xFFFF_FFFFL;
            case UNSIGNED_64 -> {
                long l = (Long) v;
                BigInteger b = BigInteger.valueOf(l);
                yield l >= 0 ? b : b.add(TWO_TO_64);
            }
            case DATE -> LocalDate.ofEpochDay(Math.floorDiv((Long) v, MICROS_PER_DAY));
            case DATETIME -> {
                long micros = (Long) v;
                yield LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000),
                        (int) Math.floorMod(micros, 1_000_000) * 1000, ZoneOffset.UTC);
            }
            case TIMESTAMP -> {
                long micros = (Long) v;
                yield Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000);
            }
            case TIME -> Duration.of((Long) v, ChronoUnit.MICROS);
            case JSON -> json((byte[]) v);
            case ENUM -> {
                int index = (Integer) v;
                yield index == 0 || index > names[i].length ? "" : names[i][index - 1];
            }
            case SET -> {
                long mask = (Long) v;
                Set<String> set = new LinkedHashSet<>();
                for (int b = 0; b < names[i].length; b++) {
                    if ((mask & (1L << b)) != 0) {
                        set.add(names[i][b]);
                    }
                }
                yield (Serializable) Collections.unmodifiableSet(set);
            }
            case BIT -> bits((BitSet) v, metadata[i]);
        };
    }

    /** MySQL's text form of binary JSON, as ours prints it ({@link MySqlJsonText}). */
    private static String json(byte[] bytes) {
        try {
            MySqlJsonText text = new MySqlJsonText();
            JsonBinary.parse(bytes, text);
            return text.getString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * connector-j's JSON text ({@code JsonBinary.parseAsString}) is compact; the server and ours print
     * {@code {"a": 1, "b": [1, 2]}} and opaque values as {@code "base64:type<N>:..."}: a user comparing or storing
     * the text must do this too.
     */
    private static final class MySqlJsonText extends JsonStringFormatter {

        @Override
        public void name(String name) {
            super.name(name);
            appendString(" ");
        }

        @Override
        public void nextEntry() {
            super.nextEntry();
            appendString(" ");
        }

        @Override
        public void valueOpaque(ColumnType type, byte[] value) {
            value("base64:type" + type.getCode() + ":" + Base64.getEncoder().encodeToString(value));
        }
    }

    /** BIT(n) as an unsigned number: {@code Long}, or {@code BigInteger} for BIT(64) (metadata: bytes, bits). */
    private static Serializable bits(BitSet bits, int meta) {
        int width = (meta >> 8) * 8 + (meta & 0xFF);
        long[] words = bits.toLongArray();
        long value = words.length == 0 ? 0 : words[0];
        if (width < 64) {
            return value;
        }
        BigInteger b = BigInteger.valueOf(value);
        return value >= 0 ? b : b.add(TWO_TO_64);
    }

    /** The type of column {@code i}: for STRING, the real one (CHAR, ENUM or SET) from its metadata. */
    private ColumnType realType(int i) {
        ColumnType type = ColumnType.byCode(types[i] & 0xFF);
        if (type == ColumnType.STRING && metadata[i] >= 256) {
            ColumnType real = ColumnType.byCode(metadata[i] >> 8);
            if (real == ColumnType.ENUM || real == ColumnType.SET) {
                return real;
            }
        }
        return type;
    }

    private int characterColumns(boolean enumSet) {
        int count = 0;
        for (int i = 0; i < types.length; i++) {
            ColumnType t = realType(i);
            if (enumSet ? t == ColumnType.ENUM || t == ColumnType.SET : isCharacter(t)) {
                count++;
            }
        }
        return count;
    }

    /** A collation per character column, from either form of the metadata; null when the server wrote none. */
    private static Integer[] collations(DefaultCharset defaults, List<Integer> perColumn, int count) {
        if (perColumn != null && !perColumn.isEmpty()) {
            return perColumn.toArray(Integer[]::new);
        }
        if (defaults == null) {
            return null;
        }
        Integer[] result = new Integer[count];
        Arrays.fill(result, defaults.getDefaultCharsetCollation());
        Map<Integer, Integer> exceptions = defaults.getCharsetCollations();
        if (exceptions != null) {
            exceptions.forEach((index, collation) -> {
                if (index < count) {
                    result[index] = collation;
                }
            });
        }
        return result;
    }

    private static boolean isNumeric(ColumnType type) {
        return switch (type) {
            case TINY, SHORT, INT24, LONG, LONGLONG, NEWDECIMAL, FLOAT, DOUBLE -> true;
            default -> false;
        };
    }

    private static boolean isCharacter(ColumnType type) {
        return switch (type) {
            case STRING, VAR_STRING, VARCHAR, BLOB, TINY_BLOB, MEDIUM_BLOB, LONG_BLOB -> true;
            default -> false;
        };
    }
}
