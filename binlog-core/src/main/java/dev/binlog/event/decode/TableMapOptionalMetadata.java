package dev.binlog.event.decode;

import dev.binlog.Column;
import dev.binlog.ColumnType;
import dev.binlog.io.ByteCursor;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The optional metadata fields at the end of a TABLE_MAP ({@code binlog_row_metadata}, MySQL 8.0.1+, MariaDB 10.5+):
 * type (1), length (length-encoded), value. Applied to the columns they describe.
 */
record TableMapOptionalMetadata(List<Column> columns, List<Integer> primaryKey, List<Integer> primaryKeyPrefix) {

    private static final int SIGNEDNESS = 1;
    private static final int DEFAULT_CHARSET = 2;
    private static final int COLUMN_CHARSET = 3;
    private static final int COLUMN_NAME = 4;
    private static final int SET_STR_VALUE = 5;
    private static final int ENUM_STR_VALUE = 6;
    private static final int GEOMETRY_TYPE = 7;
    private static final int SIMPLE_PRIMARY_KEY = 8;
    private static final int PRIMARY_KEY_WITH_PREFIX = 9;
    private static final int ENUM_AND_SET_DEFAULT_CHARSET = 10;
    private static final int ENUM_AND_SET_COLUMN_CHARSET = 11;
    private static final int COLUMN_VISIBILITY = 12;
    private static final int VECTOR_DIMENSIONALITY = 13;

    static TableMapOptionalMetadata read(ByteCursor in, List<Column> base) {
        Column[] columns = base.toArray(new Column[0]);
        List<Integer> primaryKey = new ArrayList<>();
        List<Integer> prefixes = new ArrayList<>();
        while (in.hasRemaining()) {
            int type = in.readUint8();
            int length = Bytes.lengthEncodedInt(in);
            int end = in.position() + length;
            ByteCursor field = new ByteCursor(in.array(), in.position(), length);
            in.skip(length);
            switch (type) {
                case SIGNEDNESS -> applySignedness(field, columns);
                case DEFAULT_CHARSET -> applyDefaultCharset(field, columns, false);
                case COLUMN_CHARSET -> applyColumnCharset(field, columns, false);
                case COLUMN_NAME -> {
                    for (int i = 0; i < columns.length && field.hasRemaining(); i++) {
                        columns[i] = columns[i].withName(Bytes.utf8(field, Bytes.lengthEncodedInt(field)));
                    }
                }
                case SET_STR_VALUE -> applyValueNames(field, columns, ColumnType.SET);
                case ENUM_STR_VALUE -> applyValueNames(field, columns, ColumnType.ENUM);
                case GEOMETRY_TYPE -> {
                    for (int i = 0; i < columns.length && field.hasRemaining(); i++) {
                        if (columns[i].type() == ColumnType.GEOMETRY) {
                            columns[i] = columns[i].withGeometryType(Bytes.lengthEncodedInt(field));
                        }
                    }
                }
                case SIMPLE_PRIMARY_KEY -> {
                    while (field.hasRemaining()) {
                        primaryKey.add(Bytes.lengthEncodedInt(field));
                        prefixes.add(0);
                    }
                }
                case PRIMARY_KEY_WITH_PREFIX -> {
                    while (field.hasRemaining()) {
                        primaryKey.add(Bytes.lengthEncodedInt(field));
                        prefixes.add(Bytes.lengthEncodedInt(field));
                    }
                }
                case ENUM_AND_SET_DEFAULT_CHARSET -> applyDefaultCharset(field, columns, true);
                case ENUM_AND_SET_COLUMN_CHARSET -> applyColumnCharset(field, columns, true);
                case COLUMN_VISIBILITY -> {
                    BitSet visible = Bytes.readBitmapMsbFirst(field, columns.length);
                    for (int i = 0; i < columns.length; i++) {
                        columns[i] = columns[i].withVisible(visible.get(i));
                    }
                }
                case VECTOR_DIMENSIONALITY -> {
                    for (int i = 0; i < columns.length && field.hasRemaining(); i++) {
                        if (columns[i].type() == ColumnType.VECTOR) {
                            columns[i] = columns[i].withVectorDimension(Bytes.lengthEncodedInt(field));
                        }
                    }
                }
                default -> {
                    // Unknown fields are skipped: each carries its own length and new ones only add information.
                }
            }
            in.position(end);
        }
        if (!primaryKey.isEmpty()) {
            for (int i = 0; i < columns.length; i++) {
                columns[i] = columns[i].withPrimaryKey(primaryKey.contains(i));
            }
        }
        return new TableMapOptionalMetadata(List.of(columns), primaryKey, prefixes);
    }

    private static void applySignedness(ByteCursor field, Column[] columns) {
        int numeric = 0;
        for (Column column : columns) {
            if (isNumeric(column.type())) {
                numeric++;
            }
        }
        BitSet unsigned = Bytes.readBitmapMsbFirst(field, numeric);
        int n = 0;
        for (int i = 0; i < columns.length; i++) {
            if (isNumeric(columns[i].type())) {
                columns[i] = columns[i].withUnsigned(unsigned.get(n++));
            }
        }
    }

    /** Default collation, then (column index among the charset columns, collation) pairs for the exceptions. */
    private static void applyDefaultCharset(ByteCursor field, Column[] columns, boolean enumSet) {
        int defaultCollation = Bytes.lengthEncodedInt(field);
        List<Integer> targets = charsetColumns(columns, enumSet);
        Integer[] collations = new Integer[targets.size()];
        java.util.Arrays.fill(collations, defaultCollation);
        while (field.hasRemaining()) {
            int index = Bytes.lengthEncodedInt(field);
            int collation = Bytes.lengthEncodedInt(field);
            if (index < collations.length) {
                collations[index] = collation;
            }
        }
        for (int k = 0; k < targets.size(); k++) {
            int i = targets.get(k);
            columns[i] = columns[i].withCollationId(collations[k]);
        }
    }

    private static void applyColumnCharset(ByteCursor field, Column[] columns, boolean enumSet) {
        for (int i : charsetColumns(columns, enumSet)) {
            if (!field.hasRemaining()) {
                break;
            }
            columns[i] = columns[i].withCollationId(Bytes.lengthEncodedInt(field));
        }
    }

    private static void applyValueNames(ByteCursor field, Column[] columns, ColumnType kind) {
        for (int i = 0; i < columns.length && field.hasRemaining(); i++) {
            if (TableMapEventDecoder.realType(columns[i]) != kind) {
                continue;
            }
            int count = Bytes.lengthEncodedInt(field);
            if (count > field.remaining()) {
                // Each name takes at least its length byte: a larger count is damage, and must not size the list.
                throw new dev.binlog.io.MalformedDataException(count + " " + kind + " values of column "
                        + columns[i].displayName() + " in " + field.remaining() + " bytes", field.position());
            }
            List<String> names = new ArrayList<>(count);
            for (int k = 0; k < count; k++) {
                names.add(Bytes.utf8(field, Bytes.lengthEncodedInt(field)));
            }
            columns[i] = kind == ColumnType.SET ? columns[i].withSetValues(names) : columns[i].withEnumValues(names);
        }
    }

    private static List<Integer> charsetColumns(Column[] columns, boolean enumSet) {
        List<Integer> result = new ArrayList<>();
        for (int i = 0; i < columns.length; i++) {
            ColumnType real = TableMapEventDecoder.realType(columns[i]);
            boolean isEnumSet = real == ColumnType.ENUM || real == ColumnType.SET;
            if (enumSet ? isEnumSet : isCharacter(real)) {
                result.add(i);
            }
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
