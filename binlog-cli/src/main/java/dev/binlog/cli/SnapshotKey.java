package dev.binlog.cli;

import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * One {@code --snapshot-key SCHEMA.TABLE=COL1,COL2}: the unique NOT NULL columns a snapshot reads a table without a
 * primary key by.
 *
 * @param table   {@code schema.table}
 * @param columns the key's columns, in the order to read by
 */
record SnapshotKey(String table, List<String> columns) {

    /** Parses the option's value; anything but one {@code schema.table}, {@code =} and named columns is refused. */
    static final class Converter implements ITypeConverter<SnapshotKey> {
        @Override
        public SnapshotKey convert(String value) {
            int equals = value.indexOf('=');
            String table = equals < 0 ? "" : value.substring(0, equals).trim();
            int dot = table.indexOf('.');
            if (dot <= 0 || dot == table.length() - 1 || table.indexOf('.', dot + 1) >= 0) {
                throw new TypeConversionException("'" + value + "' is not SCHEMA.TABLE=COLUMN[,COLUMN...], e.g."
                        + " shop.logs=id,ts");
            }
            List<String> columns = Arrays.stream(value.substring(equals + 1).split(",", -1)).map(String::trim)
                    .toList();
            if (columns.stream().anyMatch(String::isEmpty)) {
                throw new TypeConversionException("'" + value + "' names an empty key column; expected"
                        + " SCHEMA.TABLE=COLUMN[,COLUMN...], e.g. shop.logs=id,ts");
            }
            return new SnapshotKey(table, columns);
        }
    }
}
