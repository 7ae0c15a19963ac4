package dev.binlog.value;

import dev.binlog.Column;
import dev.binlog.ColumnType;
import dev.binlog.DecodeException;
import dev.binlog.io.ByteCursor;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads one column value of a row image, given what is known of the column. The Java type of each column type is
 * listed in {@code VALUE_TYPES.md}. NULLs never reach it: the row image's NULL bitmap says which columns are NULL.
 */
public final class ValueDecoder {

    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    private final ValueOptions options;

    public ValueDecoder(ValueOptions options) {
        this.options = options;
    }

    /** Reads one non-NULL value of {@code column} at the cursor and moves past it. */
    public Object decode(ByteCursor in, Column column) {
        int meta = column.metadata();
        boolean unsigned = Boolean.TRUE.equals(column.unsigned());
        return switch (column.type()) {
            case TINY -> unsigned ? in.readUint8() : in.readInt8();
            case SHORT -> unsigned ? in.readUint16() : in.readInt16();
            case INT24 -> unsigned ? in.readUint24() : in.readInt24();
            case LONG -> unsigned ? (Object) in.readUint32() : (Object) in.readInt32();
            case LONGLONG -> unsigned ? unsignedLong(in.readInt64()) : (Object) in.readInt64();
            case FLOAT -> Float.intBitsToFloat(in.readInt32());
            case DOUBLE -> Double.longBitsToDouble(in.readInt64());
            case NEWDECIMAL -> DecimalReader.decode(in, meta >>> 8, meta & 0xFF);
            case YEAR -> TemporalValues.year(in);
            case DATE, NEWDATE -> TemporalValues.date(in, options);
            case TIME -> MariaDbHiresTemporals.precision(column) > 0
                    ? MariaDbHiresTemporals.time(in, MariaDbHiresTemporals.precision(column))
                    : TemporalValues.time(in);
            case TIME2 -> TemporalValues.time2(in, meta);
            case DATETIME -> MariaDbHiresTemporals.precision(column) > 0
                    ? MariaDbHiresTemporals.datetime(in, MariaDbHiresTemporals.precision(column), options)
                    : TemporalValues.datetime(in, options);
            case DATETIME2 -> TemporalValues.datetime2(in, meta, options);
            case TIMESTAMP -> MariaDbHiresTemporals.precision(column) > 0
                    ? MariaDbHiresTemporals.timestamp(in, MariaDbHiresTemporals.precision(column), options)
                    : TemporalValues.timestamp(in, options);
            case TIMESTAMP2 -> TemporalValues.timestamp2(in, meta, options);
            case VARCHAR, VAR_STRING -> string(in, meta < 256 ? in.readUint8() : in.readUint16(), column);
            case STRING -> fixedString(in, column);
            case ENUM -> enumValue(in, meta & 0xFF, column);
            case SET -> setValue(in, meta & 0xFF, column);
            case BIT -> bits(in, meta);
            case BLOB, TINY_BLOB, MEDIUM_BLOB, LONG_BLOB -> string(in, (int) lengthPrefix(in, meta, column), column);
            case JSON -> json(in, (int) lengthPrefix(in, meta, column));
            case GEOMETRY -> geometry(in, (int) lengthPrefix(in, meta, column));
            case VECTOR -> vector(in, (int) lengthPrefix(in, meta, column));
            default -> throw new DecodeException("column " + column.displayName() + " has type " + column.type()
                    + ", which binlog row events do not carry", false);
        };
    }

    /**
     * Moves past one non-NULL value of {@code column} reading only its length: no value is built and nothing is
     * allocated. Throws what {@link #decode} throws for lengths that do not fit (truncation, a bad length-prefix
     * size, a type rows do not carry); checks of the value itself (ENUM indexes, JSON) wait for {@link #decode}.
     */
    public static void skip(ByteCursor in, Column column) {
        int meta = column.metadata();
        int length = switch (column.type()) {
            case TINY, YEAR -> 1;
            case SHORT -> 2;
            case INT24, DATE, NEWDATE -> 3;
            case LONG, FLOAT -> 4;
            case LONGLONG, DOUBLE -> 8;
            case NEWDECIMAL -> DecimalReader.size(meta >>> 8, meta & 0xFF);
            case TIME -> MariaDbHiresTemporals.size(column, 3);
            case DATETIME -> MariaDbHiresTemporals.size(column, 8);
            case TIMESTAMP -> MariaDbHiresTemporals.size(column, 4);
            case TIME2 -> 3 + (meta + 1) / 2;
            case DATETIME2 -> 5 + (meta + 1) / 2;
            case TIMESTAMP2 -> 4 + (meta + 1) / 2;
            case VARCHAR, VAR_STRING -> meta < 256 ? in.readUint8() : in.readUint16();
            case STRING -> fixedStringLength(in, meta);
            case ENUM -> (meta & 0xFF) == 1 ? 1 : 2;
            case SET -> meta & 0xFF;
            case BIT -> ((meta >>> 8) * 8 + (meta & 0xFF) + 7) / 8;
            case BLOB, TINY_BLOB, MEDIUM_BLOB, LONG_BLOB, JSON, GEOMETRY, VECTOR ->
                    (int) lengthPrefix(in, meta, column);
            default -> throw new DecodeException("column " + column.displayName() + " has type " + column.type()
                    + ", which binlog row events do not carry", false);
        };
        in.skip(length);
    }

    /** Bytes after the cursor that a CHAR/BINARY, ENUM or SET value (type STRING) takes; reads a length prefix. */
    private static int fixedStringLength(ByteCursor in, int meta) {
        int realType = realStringType(meta);
        int length = declaredStringLength(meta);
        if (realType == ColumnType.ENUM.code()) {
            return length == 1 ? 1 : 2;
        }
        if (realType == ColumnType.SET.code()) {
            return length;
        }
        return length < 256 ? in.readUint8() : in.readUint16();
    }

    /**
     * CHAR/BINARY, ENUM and SET all arrive as STRING: the metadata's high byte names the real type (with two bits of
     * it lent to the length of CHAR columns longer than 255 bytes).
     */
    private static int realStringType(int meta) {
        int high = meta >>> 8;
        return (high & 0x30) != 0x30 ? high | 0x30 : high;
    }

    /** The declared length of a STRING-typed column: bytes of CHAR/BINARY, 1 or 2 for ENUM, the byte count of SET. */
    private static int declaredStringLength(int meta) {
        int high = meta >>> 8;
        return (high & 0x30) != 0x30 ? (meta & 0xFF) | (((high & 0x30) ^ 0x30) << 4) : meta & 0xFF;
    }

    private static Object unsignedLong(long value) {
        BigInteger big = BigInteger.valueOf(value);
        return value >= 0 ? big : big.add(TWO_TO_64);
    }

    private static long lengthPrefix(ByteCursor in, int bytes, Column column) {
        if (bytes < 1 || bytes > 4) {
            throw new DecodeException("column " + column.displayName() + " (" + column.type()
                    + ") has length-prefix size " + bytes + ", expected 1 to 4", true);
        }
        long length = in.readUintN(bytes);
        if (length > Integer.MAX_VALUE || length > in.remaining()) {
            throw new dev.binlog.io.TruncatedDataException((int) Math.min(length, Integer.MAX_VALUE), in.remaining(),
                    in.position());
        }
        return length;
    }

    /**
     * CHAR/BINARY, ENUM and SET all arrive as STRING: the metadata's high byte names the real type, and for CHAR
     * columns longer than 255 bytes it also lends two bits to the length.
     */
    private Object fixedString(ByteCursor in, Column column) {
        int meta = column.metadata();
        int realType = realStringType(meta);
        int length = declaredStringLength(meta);
        if (realType == ColumnType.ENUM.code()) {
            return enumValue(in, length, column);
        }
        if (realType == ColumnType.SET.code()) {
            return setValue(in, length, column);
        }
        int stored = length < 256 ? in.readUint8() : in.readUint16();
        if (binary(column)) {
            // BINARY(n) values are logged without their trailing zero bytes; the server returns them padded.
            byte[] value = new byte[Math.max(length, stored)];
            System.arraycopy(in.array(), in.position(), value, 0, stored);
            in.skip(stored);
            return column.dataTypeName() != null && MariaDbTypes.handles(column.dataTypeName())
                    ? MariaDbTypes.decode(value, column) : value;
        }
        return string(in, stored, column);
    }

    /** Known to hold bytes rather than text: binary collation, or one of MariaDB's binary-backed types. */
    private static boolean binary(Column column) {
        String dataType = column.dataTypeName();
        return (column.collationId() != null && column.collationId() == Charsets.BINARY)
                || (dataType != null && (dataType.startsWith("binary") || MariaDbTypes.handles(dataType)));
    }

    private static Object string(ByteCursor in, int length, Column column) {
        if (column.dataTypeName() != null && MariaDbTypes.handles(column.dataTypeName())) {
            return MariaDbTypes.decode(in.readBytes(length), column);
        }
        Charset charset = column.collationId() == null ? null : Charsets.forCollation(column.collationId());
        if (charset == null) {
            return in.readBytes(length);
        }
        return in.readString(length, charset);
    }

    private static Object enumValue(ByteCursor in, int size, Column column) {
        int index = size == 1 ? in.readUint8() : in.readUint16();
        List<String> names = column.enumValues();
        if (names == null) {
            return index;
        }
        if (index == 0) {
            return "";
        }
        if (index > names.size()) {
            throw new DecodeException("column " + column.displayName() + ": ENUM index " + index + " but only "
                    + names.size() + " values are defined (the table definition changed?)", true);
        }
        return names.get(index - 1);
    }

    private static Object setValue(ByteCursor in, int size, Column column) {
        long bits = in.readUintN(size);
        List<String> names = column.setValues();
        if (names == null) {
            return bits;
        }
        Set<String> members = new LinkedHashSet<>();
        for (int i = 0; i < 64 && bits >>> i != 0; i++) {
            if ((bits >>> i & 1) != 0) {
                if (i >= names.size()) {
                    throw new DecodeException("column " + column.displayName() + ": SET bit " + i + " but only "
                            + names.size() + " members are defined (the table definition changed?)", true);
                }
                members.add(names.get(i));
            }
        }
        return java.util.Collections.unmodifiableSet(members);
    }

    /** BIT(1..63) as a {@code Long}; BIT(64) as a {@code BigInteger}, like BIGINT UNSIGNED, so no value is negative. */
    private static Object bits(ByteCursor in, int meta) {
        int bits = (meta >>> 8) * 8 + (meta & 0xFF);
        long value = in.readUintBigEndian((bits + 7) / 8);
        return bits > 63 ? unsignedLong(value) : (Object) value;
    }

    private static String json(ByteCursor in, int length) {
        int at = in.position();
        in.skip(length);
        return JsonBinary.toJson(in.array(), at, length);
    }

    private static Geometry geometry(ByteCursor in, int length) {
        if (length < 4) {
            throw new DecodeException("GEOMETRY value of " + length + " bytes has no SRID", true);
        }
        int srid = in.readInt32();
        return new Geometry(srid, in.readBytes(length - 4));
    }

    private static float[] vector(ByteCursor in, int length) {
        if (length % 4 != 0) {
            throw new DecodeException("VECTOR value of " + length + " bytes is not a whole number of floats", true);
        }
        float[] values = new float[length / 4];
        for (int i = 0; i < values.length; i++) {
            values[i] = Float.intBitsToFloat(in.readInt32());
        }
        return values;
    }
}
