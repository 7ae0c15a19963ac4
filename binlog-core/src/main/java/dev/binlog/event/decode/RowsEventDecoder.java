package dev.binlog.event.decode;

import dev.binlog.Column;
import dev.binlog.ColumnType;
import dev.binlog.DecodeException;
import dev.binlog.event.DeleteRowsEvent;
import dev.binlog.event.EventHeader;
import dev.binlog.event.JsonDiff;
import dev.binlog.event.RowImage;
import dev.binlog.event.RowsEvent;
import dev.binlog.event.RowsExtraInfo;
import dev.binlog.event.TableMapEvent;
import dev.binlog.event.UpdateRowsEvent;
import dev.binlog.event.UpdatedRow;
import dev.binlog.event.WriteRowsEvent;
import dev.binlog.io.ByteCursor;
import dev.binlog.io.MalformedDataException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * WRITE/UPDATE/DELETE rows events of every version: table id (6, or 4 when the post-header is 6 bytes), flags (2);
 * v2: extra info length (2, including itself) and extra info; column count (length-encoded), columns-present bitmap
 * (updates: a second one for the after image); then rows until the end. A row image is a NULL bitmap over the present
 * columns followed by the non-NULL values. MariaDB's compressed forms zlib-compress everything after the bitmaps;
 * PARTIAL_UPDATE_ROWS after images start with value options and a bitmap of partially updated JSON columns.
 */
final class RowsEventDecoder implements EventBodyDecoder<RowsEvent> {

    /** What the event does to its rows. */
    public enum Kind { WRITE, UPDATE, DELETE }

    private static final int EXTRA_NDB_INFO = 0;
    private static final int EXTRA_PARTITION_INFO = 1;
    private static final int PARTIAL_JSON_UPDATES = 1;

    private final Kind kind;
    private final int version;
    private final boolean compressed;
    private final boolean partial;

    /**
     * @param kind       write, update or delete
     * @param version    0 (MySQL 5.1 pre-GA), 1 or 2
     * @param compressed MariaDB compressed rows
     * @param partial    MySQL PARTIAL_UPDATE_ROWS (v2 update with partial JSON)
     */
    public RowsEventDecoder(Kind kind, int version, boolean compressed, boolean partial) {
        this.kind = kind;
        this.version = version;
        this.compressed = compressed;
        this.partial = partial;
    }

    @Override
    public RowsEvent decode(EventHeader header, ByteCursor body, DecoderContext context) {
        int postHeader = context.postHeaderLength(header.typeCode(), version == 2 ? 10 : 8);
        int start = body.position();
        long tableId = postHeader == 6 ? body.readUint32() : body.readUintN(6);
        int flags = body.readUint16();
        RowsExtraInfo extra = RowsExtraInfo.NONE;
        int extraLength = 0;
        if (version == 2) {
            extraLength = body.readUint16() - 2;
        }
        body.position(start + postHeader);
        if (extraLength > 0) {
            extra = readExtraInfo(new ByteCursor(body.array(), body.position(), extraLength), kind);
            body.skip(extraLength);
        }
        int columnCount = Bytes.lengthEncodedInt(body);
        BitSet columns = Bytes.readBitmap(body, columnCount);
        BitSet afterColumns = kind == Kind.UPDATE ? Bytes.readBitmap(body, columnCount) : columns;
        TableMapEvent table = context.tableMap(tableId);
        if (table == null) {
            throw new LocatedDecodeException(context.source() + " at " + header.position() + ": " + header.typeName()
                    + " refers to table id " + tableId + " but no TABLE_MAP for it was seen; start reading at a"
                    + " transaction boundary", false);
        }
        if (columnCount > table.columns().size()) {
            throw new LocatedDecodeException(context.source() + " at " + header.position() + ": " + header.typeName()
                    + " on " + table.qualifiedName() + " has " + columnCount + " columns but its TABLE_MAP "
                    + table.columns().size(), true);
        }
        if (!context.wantsRows(table)) {
            body.position(body.limit());
            return switch (kind) {
                case WRITE -> new WriteRowsEvent(header, tableId, table, flags, extra, columns, List.of());
                case DELETE -> new DeleteRowsEvent(header, tableId, table, flags, extra, columns, List.of());
                case UPDATE -> new UpdateRowsEvent(header, tableId, table, flags, extra, columns, afterColumns,
                        List.of());
            };
        }
        ByteCursor rows = body;
        if (compressed) {
            rows = new ByteCursor(MariaDbCompression.inflate(body));
        }
        RowImageReader reader = new RowImageReader(context, table, header, compressed);
        try {
            if (context.rowDecoding() == RowDecoding.LAZY && !partial && !sparse(columns, afterColumns, columnCount)) {
                return lazyRows(header, tableId, table, flags, extra, columns, afterColumns, rows, reader, body);
            }
            return readRows(header, tableId, table, flags, extra, columns, afterColumns, rows, reader);
        } catch (DecodeException e) {
            if (context.mariaDb() && hasUndescribedMariaDbTemporal(table)) {
                String message = e.getMessage() + ". " + table.qualifiedName() + " has TIME, DATETIME or"
                        + " TIMESTAMP columns in the old type codes: if they have fractional seconds (tables created"
                        + " before MariaDB 10.1 or with mysql56_temporal_format=OFF) their size is not in the binlog;"
                        + " read with a schema server (binlog read -H HOST -u USER ...) or exclude the table";
                throw e instanceof LocatedDecodeException ? new LocatedDecodeException(message, false, e)
                        : new DecodeException(message, false, e);
            }
            throw e;
        }
    }

    /** Old-style temporal columns whose precision no schema source has told us. */
    private static boolean hasUndescribedMariaDbTemporal(TableMapEvent table) {
        return table.columns().stream().anyMatch(c -> c.dataTypeName() == null
                && (c.type() == ColumnType.TIME || c.type() == ColumnType.DATETIME || c.type() == ColumnType.TIMESTAMP));
    }

    private RowsEvent readRows(EventHeader header, long tableId, TableMapEvent table, int flags, RowsExtraInfo extra,
            BitSet columns, BitSet afterColumns, ByteCursor rows, RowImageReader reader) {
        return switch (kind) {
            case WRITE -> new WriteRowsEvent(header, tableId, table, flags, extra, columns,
                    readImages(rows, reader, columns));
            case DELETE -> new DeleteRowsEvent(header, tableId, table, flags, extra, columns,
                    readImages(rows, reader, columns));
            case UPDATE -> new UpdateRowsEvent(header, tableId, table, flags, extra, columns, afterColumns,
                    readUpdates(rows, reader, columns, afterColumns));
        };
    }

    /**
     * Keeps the rows' bytes (one copy per event: the read buffer is reused for the next event) and walks every image
     * once, reading only lengths, into one table of value offsets: bytes whose lengths do not add up fail here, when
     * the event is read; values are decoded when a row is read.
     */
    /**
     * Images that carry under a quarter of the table's columns (binlog_row_image=MINIMAL on a wide table): decoding
     * on access keeps an offset per table column per image, so such rows are decoded eagerly into values of the
     * columns they have, which costs less than the offsets alone.
     */
    private static boolean sparse(BitSet columns, BitSet afterColumns, int columnCount) {
        return columns.cardinality() * 4L < columnCount || afterColumns.cardinality() * 4L < columnCount;
    }

    private RowsEvent lazyRows(EventHeader header, long tableId, TableMapEvent table, int flags, RowsExtraInfo extra,
            BitSet columns, BitSet afterColumns, ByteCursor rows, RowImageReader reader, ByteCursor body) {
        byte[] data;
        int delta;
        if (rows == body) {
            data = java.util.Arrays.copyOfRange(body.array(), body.position(), body.limit());
            delta = body.position();
            body.position(body.limit());
        } else {
            data = rows.array();
            delta = 0;
            if (rows.position() != 0 || rows.limit() != data.length) {
                data = java.util.Arrays.copyOfRange(data, rows.position(), rows.limit());
            }
        }
        ByteCursor in = new ByteCursor(data);
        int stride = table.columns().size() + 1;
        int[] offsets = new int[stride * 4];
        int images = 0;
        BitSet before = (BitSet) columns.clone();
        BitSet after = kind == Kind.UPDATE ? (BitSet) afterColumns.clone() : before;
        int beforeCount = before.cardinality();
        int afterCount = after.cardinality();
        while (in.hasRemaining()) {
            boolean isAfter = kind == Kind.UPDATE && (images & 1) == 1;
            if ((images + 1) * stride > offsets.length) {
                offsets = java.util.Arrays.copyOf(offsets, offsets.length * 2);
            }
            reader.skip(in, isAfter ? after : before, isAfter ? afterCount : beforeCount, offsets, images * stride,
                    delta);
            images++;
        }
        if (kind == Kind.UPDATE && (images & 1) == 1) {
            throw new MalformedDataException("update rows end after a before image without its after image",
                    in.position() + delta);
        }
        LazyRowImages lazy = new LazyRowImages(data, offsets, table.columns(), reader.context.valueReader(), reader,
                delta);
        if (kind == Kind.UPDATE) {
            List<UpdatedRow> updates = new ArrayList<>(images / 2);
            for (int n = 0; n < images; n += 2) {
                updates.add(new UpdatedRow(new RowImage(lazy.image(n), before), new RowImage(lazy.image(n + 1),
                        after)));
            }
            return new UpdateRowsEvent(header, tableId, table, flags, extra, columns, afterColumns, updates);
        }
        List<RowImage> list = new ArrayList<>(images);
        for (int n = 0; n < images; n++) {
            list.add(new RowImage(lazy.image(n), before));
        }
        return kind == Kind.WRITE ? new WriteRowsEvent(header, tableId, table, flags, extra, columns, list)
                : new DeleteRowsEvent(header, tableId, table, flags, extra, columns, list);
    }

    private static List<RowImage> readImages(ByteCursor in, RowImageReader reader, BitSet columns) {
        List<RowImage> images = new ArrayList<>();
        while (in.hasRemaining()) {
            images.add(reader.read(in, columns, null));
        }
        return images;
    }

    private List<UpdatedRow> readUpdates(ByteCursor in, RowImageReader reader, BitSet before, BitSet after) {
        List<UpdatedRow> rows = new ArrayList<>();
        while (in.hasRemaining()) {
            RowImage beforeImage = reader.read(in, before, null);
            if (!partial) {
                rows.add(new UpdatedRow(beforeImage, reader.read(in, after, null)));
                continue;
            }
            BitSet partialJson = null;
            long options = in.readLengthEncodedInt();
            if ((options & PARTIAL_JSON_UPDATES) != 0) {
                partialJson = reader.readPartialJsonColumns(in);
            }
            Map<Integer, Object> diffs = new HashMap<>();
            RowImage afterImage = reader.read(in, after, partialJson == null ? null : new PartialJson(partialJson,
                    beforeImage, diffs));
            rows.add(new UpdatedRow(beforeImage, afterImage, diffs));
        }
        return rows;
    }

    private static RowsExtraInfo readExtraInfo(ByteCursor in, Kind kind) {
        Integer ndbFormat = null;
        byte[] ndbInfo = null;
        Integer partition = null;
        Integer sourcePartition = null;
        while (in.hasRemaining()) {
            int type = in.readUint8();
            if (type == EXTRA_NDB_INFO) {
                int length = in.readUint8();
                ndbFormat = in.readUint8();
                ndbInfo = in.readBytes(length - 2);
            } else if (type == EXTRA_PARTITION_INFO) {
                partition = in.readUint16();
                if (kind == Kind.UPDATE) {
                    sourcePartition = in.readUint16();
                }
            } else {
                throw new MalformedDataException("unknown rows extra info type " + type, in.position() - 1);
            }
        }
        return new RowsExtraInfo(ndbFormat, ndbInfo, partition, sourcePartition);
    }

    /** The partially updated JSON columns of one after image and where to put their diffs. */
    record PartialJson(BitSet columns, RowImage before, Map<Integer, Object> diffs) {
    }

    /** Reads row images of one table; one per event. */
    static final class RowImageReader {

        private final DecoderContext context;
        private final TableMapEvent table;
        private final EventHeader header;
        private final List<Column> columns;
        private final int jsonColumnCount;
        private final String offsetBase;
        private final String source;
        private BitSet slotsFor;
        private int[] slots;
        private BitSet otherSlotsFor;
        private int[] otherSlots;

        RowImageReader(DecoderContext context, TableMapEvent table, EventHeader header, boolean compressed) {
            this.context = context;
            // Captured: a lazy row is read after the context has moved on (a ROTATE renames the source).
            this.source = context.source();
            this.offsetBase = compressed ? " of the uncompressed rows" : " of the read buffer";
            this.table = table;
            this.header = header;
            this.columns = table.columns();
            int json = 0;
            for (Column column : columns) {
                if (column.type() == ColumnType.JSON) {
                    json++;
                }
            }
            this.jsonColumnCount = json;
        }

        /** Bitmap over the table's JSON columns (in column order), turned into a bitmap of column indexes. */
        BitSet readPartialJsonColumns(ByteCursor in) {
            BitSet bits = Bytes.readBitmap(in, jsonColumnCount);
            BitSet result = new BitSet();
            int n = 0;
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).type() == ColumnType.JSON && bits.get(n++)) {
                    result.set(i);
                }
            }
            return result;
        }

        RowImage read(ByteCursor in, BitSet present, PartialJson partialJson) {
            int presentCount = present.cardinality();
            if (presentCount == 0) {
                // An image without columns takes no bytes: the number of rows would be unknowable.
                throw new MalformedDataException("row image without columns in " + table.qualifiedName(),
                        in.position());
            }
            int nullStart = in.position();
            in.skip((presentCount + 7) >>> 3);
            byte[] array = in.array();
            // An image of only some columns keeps only their values: a slot per table column would cost every image
            // of a wide table four bytes per column, however few bytes the image itself takes.
            int[] slots = presentCount < columns.size() ? slots(present) : null;
            Object[] values = new Object[slots == null ? columns.size() : presentCount];
            int k = 0;
            for (int i = present.nextSetBit(0); i >= 0; i = present.nextSetBit(i + 1)) {
                boolean isNull = (array[nullStart + (k >>> 3)] & (1 << (k & 7))) != 0;
                k++;
                if (isNull) {
                    continue;
                }
                Column column = columns.get(i);
                int valueStart = in.position();
                int slot = slots == null ? i : k - 1;
                try {
                    if (partialJson != null && partialJson.columns().get(i)) {
                        List<JsonDiff> diffs = readJsonDiffs(in, column);
                        partialJson.diffs().put(i, diffs);
                        values[slot] = context.jsonDiffApplier().apply(partialJson.before().get(i), diffs, column);
                    } else {
                        values[slot] = context.valueReader().read(in, column);
                    }
                } catch (DecodeException e) {
                    throw new LocatedDecodeException(where(column, valueStart) + ": " + e.getMessage(), e.corrupt(), e);
                } catch (MalformedDataException e) {
                    throw new LocatedDecodeException(where(column, valueStart) + ": " + e.getMessage(), true, e);
                } catch (RuntimeException e) {
                    throw new LocatedDecodeException(where(column, valueStart) + ": " + e, true, e);
                }
            }
            return slots == null ? new RowImage(values, present)
                    : new RowImage(new PartialRowValues(values, slots), present);
        }

        /** Column → slot of the included columns of {@code present}; one table per bitmap of the event. */
        private int[] slots(BitSet present) {
            if (present == slotsFor) {
                return slots;
            }
            if (present == otherSlotsFor) {
                return otherSlots;
            }
            int[] table = new int[columns.size()];
            java.util.Arrays.fill(table, -1);
            int n = 0;
            for (int i = present.nextSetBit(0); i >= 0 && i < table.length; i = present.nextSetBit(i + 1)) {
                table[i] = n++;
            }
            // An update's before and after images have a bitmap each; rows events have at most these two.
            otherSlotsFor = slotsFor;
            otherSlots = slots;
            slotsFor = present;
            slots = table;
            return table;
        }

        /**
         * Walks one image reading only lengths: writes each column's value offset (or {@link LazyRowImages#ABSENT},
         * {@link LazyRowImages#NULL}) at {@code offsets[base + column]} and the image's end after them.
         */
        void skip(ByteCursor in, BitSet present, int presentCount, int[] offsets, int base, int delta) {
            if (presentCount == 0) {
                throw new MalformedDataException("row image without columns in " + table.qualifiedName(),
                        in.position() + delta);
            }
            int columnCount = columns.size();
            java.util.Arrays.fill(offsets, base, base + columnCount, LazyRowImages.ABSENT);
            int nullStart = in.position();
            in.skip((presentCount + 7) >>> 3);
            byte[] array = in.array();
            int k = 0;
            for (int i = present.nextSetBit(0); i >= 0; i = present.nextSetBit(i + 1)) {
                boolean isNull = (array[nullStart + (k >>> 3)] & (1 << (k & 7))) != 0;
                k++;
                if (isNull) {
                    offsets[base + i] = LazyRowImages.NULL;
                    continue;
                }
                Column column = columns.get(i);
                int valueStart = in.position();
                offsets[base + i] = valueStart;
                try {
                    dev.binlog.value.ValueDecoder.skip(in, column);
                } catch (DecodeException e) {
                    throw new LocatedDecodeException(where(column, valueStart + delta) + ": " + e.getMessage(),
                            e.corrupt(), e);
                } catch (MalformedDataException e) {
                    throw new LocatedDecodeException(where(column, valueStart + delta) + ": " + e.getMessage(), true,
                            e);
                } catch (RuntimeException e) {
                    throw new LocatedDecodeException(where(column, valueStart + delta) + ": " + e, true, e);
                }
            }
            offsets[base + columnCount] = in.position();
        }

        String where(Column column, int offset) {
            return source + " at " + header.position() + ": " + header.typeName() + " on "
                    + table.qualifiedName() + " column " + column.displayName() + " (" + column.type() + ", meta "
                    + column.metadata() + ") at byte " + offset + offsetBase;
        }

        /** A partial JSON value: its length (as many bytes as the column's metadata says), then diffs. */
        private static List<JsonDiff> readJsonDiffs(ByteCursor in, Column column) {
            int length = (int) in.readUintN(column.metadata());
            int end = in.position() + length;
            ByteCursor diff = new ByteCursor(in.array(), in.position(), length);
            in.position(end);
            List<JsonDiff> diffs = new ArrayList<>();
            while (diff.hasRemaining()) {
                int code = diff.readUint8();
                if (code > 2) {
                    throw new MalformedDataException("JSON diff operation " + code, diff.position() - 1);
                }
                JsonDiff.Operation operation = JsonDiff.Operation.values()[code];
                String path = diff.readString(Bytes.lengthEncodedInt(diff), StandardCharsets.UTF_8);
                byte[] value = null;
                if (operation != JsonDiff.Operation.REMOVE) {
                    value = diff.readBytes(Bytes.lengthEncodedInt(diff));
                }
                diffs.add(new JsonDiff(operation, path, value));
            }
            return diffs;
        }
    }
}
