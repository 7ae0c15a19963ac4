package dev.binlog.event.decode;

import dev.binlog.Column;
import dev.binlog.ColumnType;
import dev.binlog.DecodeException;
import dev.binlog.event.EventHeader;
import dev.binlog.event.EventType;
import dev.binlog.event.TableMapEvent;
import dev.binlog.io.ByteCursor;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * TABLE_MAP: table id (6, or 4 when the post-header is 6 bytes), flags (2); schema and table names (length byte, name,
 * NUL); column count, type codes, metadata block, NULL bitmap; then optional metadata fields
 * ({@link TableMapOptionalMetadata}).
 *
 * <p>Column metadata becomes {@link Column#metadata()} as one unsigned 16-bit value: for STRING, ENUM, SET and
 * NEWDECIMAL the first byte is the high byte (real type / precision) and the second the low byte (length / scale);
 * for VARCHAR, VAR_STRING and BIT the two bytes are little-endian; one-byte metadata (FLOAT, DOUBLE, BLOB family,
 * GEOMETRY, JSON, VECTOR, TIME2, DATETIME2, TIMESTAMP2) is the value itself; other types have none (0).
 */
final class TableMapEventDecoder implements EventBodyDecoder<TableMapEvent> {

    @Override
    public TableMapEvent decode(EventHeader header, ByteCursor body, DecoderContext context) {
        int postHeader = context.postHeaderLength(EventType.TABLE_MAP.code(), 8);
        int start = body.position();
        int end = body.limit();
        long tableId = postHeader == 6 ? body.readUint32() : body.readUintN(6);
        TableMapEvent unchanged = context.unchangedTableMap(tableId, body.array(), start, end);
        if (unchanged != null) {
            body.position(end);
            return unchanged.at(header);
        }
        int flags = body.readUint16();
        String schema = Bytes.utf8(body, body.readUint8());
        body.skip(1);
        String table = Bytes.utf8(body, body.readUint8());
        body.skip(1);
        int count = Bytes.lengthEncodedInt(body);
        if (count > body.remaining()) {
            throw new dev.binlog.io.MalformedDataException(count + " columns in a table map", body.position());
        }
        int[] types = new int[count];
        for (int i = 0; i < count; i++) {
            types[i] = body.readUint8();
        }
        int metadataLength = Bytes.lengthEncodedInt(body);
        int metadataEnd = body.position() + metadataLength;
        List<Column> columns = new ArrayList<>(count);
        int[] metadata = new int[count];
        for (int i = 0; i < count; i++) {
            ColumnType type = ColumnType.ofCode(types[i]);
            if (type == null) {
                throw new DecodeException("table " + schema + "." + table + " column @" + (i + 1)
                        + " has column type code " + types[i] + ", which this decoder does not know", false);
            }
            metadata[i] = readMetadata(body, type);
        }
        if (body.position() != metadataEnd) {
            throw new dev.binlog.io.MalformedDataException("column metadata of table " + schema + "." + table
                    + " is " + metadataLength + " bytes but the column types use " + (body.position() - metadataEnd
                    + metadataLength), body.position());
        }
        BitSet nullable = Bytes.readBitmap(body, count);
        for (int i = 0; i < count; i++) {
            columns.add(Column.of(i, ColumnType.ofCode(types[i]), metadata[i], nullable.get(i)));
        }
        TableMapOptionalMetadata optional = TableMapOptionalMetadata.read(body, columns);
        TableMapEvent event = new TableMapEvent(header, tableId, flags, schema, table, optional.columns(),
                optional.primaryKey(), optional.primaryKeyPrefix());
        context.decodedTableMap(tableId, body.array(), start, end, event);
        return event;
    }

    private static int readMetadata(ByteCursor in, ColumnType type) {
        return switch (type) {
            case FLOAT, DOUBLE, BLOB, TINY_BLOB, MEDIUM_BLOB, LONG_BLOB, GEOMETRY, JSON, VECTOR, TIME2, DATETIME2,
                    TIMESTAMP2 -> in.readUint8();
            case VARCHAR, VAR_STRING, BIT -> in.readUint16();
            case STRING, NEWDECIMAL, ENUM, SET -> (int) in.readUintBigEndian(2);
            default -> 0;
        };
    }

    /** The real type of a column: STRING columns carry ENUM, SET or STRING in their metadata's high byte. */
    static ColumnType realType(Column column) {
        if (column.type() == ColumnType.STRING && column.metadata() >= 256) {
            int real = column.metadata() >>> 8;
            // Long CHAR columns borrow bits of the real type for their length; those always have bits 4-5 clear.
            if ((real & 0x30) != 0x30) {
                return ColumnType.STRING;
            }
            ColumnType type = ColumnType.ofCode(real);
            return type != null ? type : ColumnType.STRING;
        }
        return column.type();
    }
}
