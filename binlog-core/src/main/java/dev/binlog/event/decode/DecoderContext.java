package dev.binlog.event.decode;

import dev.binlog.event.ChecksumType;
import dev.binlog.event.EventType;
import dev.binlog.event.FormatDescriptionEvent;
import dev.binlog.event.TableMapEvent;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The state that decoding one event depends on: the current FORMAT_DESCRIPTION, the checksum mode and the table id →
 * TABLE_MAP cache. One context per stream (a live connection or a file, or a sequence of files); not thread-safe.
 * {@link EventDecoder} updates it as FORMAT_DESCRIPTION, TABLE_MAP and ROTATE events go by.
 */
public final class DecoderContext {

    private static final int MAX_DECODED_TABLE_MAPS = 4096;

    private final Map<Long, TableMapEvent> tableMaps = new HashMap<>();
    private final Map<Long, DecodedTableMap> decodedTableMaps = new HashMap<>();
    private final ColumnValueReader valueReader;
    private final JsonDiffApplier jsonDiffApplier;
    private String source;
    private EventDecoder decoder;
    private FormatDescriptionEvent formatDescription;
    private ChecksumType checksumType;
    private java.util.function.BiPredicate<String, String> rowFilter = (schema, table) -> true;
    private boolean developmentNumbering;
    private String lastFilteredSchema;
    private String lastFilteredTable;
    private boolean lastFilterResult;
    private RowDecoding rowDecoding = RowDecoding.EAGER;

    /**
     * @param source      what the bytes come from, for error messages: a file path or {@code host:port}
     * @param valueReader reads column values of row images
     * @param jsonDiffApplier applies PARTIAL_UPDATE_ROWS JSON diffs to before values
     */
    public DecoderContext(String source, ColumnValueReader valueReader, JsonDiffApplier jsonDiffApplier) {
        this.source = Objects.requireNonNull(source, "source");
        this.valueReader = Objects.requireNonNull(valueReader, "valueReader");
        this.jsonDiffApplier = Objects.requireNonNull(jsonDiffApplier, "jsonDiffApplier");
    }

    /** A context reading column values with the default {@code ValueDecoder} and its JSON helpers. */
    public DecoderContext(String source) {
        this(source, ColumnValueReaders.defaults(), ColumnValueReaders.defaultJsonDiffApplier());
    }

    public String source() {
        return source;
    }

    /** Names the source anew, e.g. the next binlog file after a ROTATE. */
    public void source(String newSource) {
        this.source = Objects.requireNonNull(newSource, "source");
    }

    /** The last FORMAT_DESCRIPTION seen, or {@code null} before the first one. */
    public FormatDescriptionEvent formatDescription() {
        return formatDescription;
    }

    /** Installs a FORMAT_DESCRIPTION: its checksum mode applies to the events after it. */
    public void formatDescription(FormatDescriptionEvent fde) {
        this.formatDescription = fde;
        this.decodedTableMaps.clear();
        this.checksumType = fde.checksumType();
        // MySQL 5.2 development builds (WL#2325) numbered TABLE_MAP and the row events 16-19 and XID,
        // BEGIN_LOAD_QUERY, EXECUTE_LOAD_QUERY 20-22; their FORMAT_DESCRIPTION shows it in the post-header lengths.
        this.developmentNumbering = fde.postHeaderLengths().size() == 22 && fde.postHeaderLength(16) == 6
                && fde.postHeaderLength(20) == 0 && fde.postHeaderLength(21) == 4 && fde.postHeaderLength(22) == 26;
    }

    /**
     * Checksum mode of the next events: from the last FORMAT_DESCRIPTION, or as set with
     * {@link #checksumType(ChecksumType)} (the live client sets what it negotiated, since a dump starts with an
     * artificial ROTATE before any FORMAT_DESCRIPTION). {@link ChecksumType#NONE} when nothing is known.
     */
    public ChecksumType checksumType() {
        return checksumType != null ? checksumType : ChecksumType.NONE;
    }

    public void checksumType(ChecksumType type) {
        this.checksumType = type;
    }

    /** Post-header length of an event type from the current FORMAT_DESCRIPTION, or {@code fallback}. */
    public int postHeaderLength(int typeCode, int fallback) {
        if (formatDescription == null) {
            return fallback;
        }
        int length = formatDescription.postHeaderLength(typeCode);
        return length >= 0 ? length : fallback;
    }

    /** Whether the server is MariaDB, as far as the FORMAT_DESCRIPTION tells. */
    public boolean mariaDb() {
        return formatDescription != null && formatDescription.mariaDb();
    }

    /** The TABLE_MAP last seen for a table id, or {@code null}. */
    public TableMapEvent tableMap(long tableId) {
        return tableMaps.get(tableId);
    }

    public void tableMap(TableMapEvent tableMap) {
        tableMaps.put(tableMap.tableId(), tableMap);
    }

    /** Forgets every TABLE_MAP (table ids are only valid within one binlog file). */
    public void clearTableMaps() {
        tableMaps.clear();
        decodedTableMaps.clear();
    }

    /**
     * The TABLE_MAP decoded last for this table id if its body bytes were exactly these, else {@code null}. Servers
     * repeat a table's TABLE_MAP before every transaction touching it; with full row metadata it carries every column
     * name, so decoding it once per table instead of once per transaction saves real work.
     */
    TableMapEvent unchangedTableMap(long tableId, byte[] buffer, int from, int to) {
        DecodedTableMap known = decodedTableMaps.get(tableId);
        return known != null && Arrays.equals(known.body(), 0, known.body().length, buffer, from, to)
                ? known.event() : null;
    }

    void decodedTableMap(long tableId, byte[] buffer, int from, int to, TableMapEvent event) {
        if (decodedTableMaps.size() >= MAX_DECODED_TABLE_MAPS) {
            decodedTableMaps.clear();
        }
        decodedTableMaps.put(tableId, new DecodedTableMap(Arrays.copyOfRange(buffer, from, to), event));
    }

    private record DecodedTableMap(byte[] body, TableMapEvent event) {
    }

    /**
     * Which tables' rows to decode; the rows of other tables are skipped unread (their events carry no rows), which
     * is how a stream's table filter saves the decoding work.
     */
    public void rowFilter(java.util.function.BiPredicate<String, String> schemaAndTable) {
        this.rowFilter = java.util.Objects.requireNonNull(schemaAndTable, "rowFilter");
        this.lastFilteredSchema = null;
    }

    /** Whether the rows of this table are to be decoded. */
    public boolean wantsRows(TableMapEvent table) {
        // Rows events of one table follow each other; a repeated TABLE_MAP reuses the same name strings.
        if (table.schema() != lastFilteredSchema || table.table() != lastFilteredTable) {
            lastFilteredSchema = table.schema();
            lastFilteredTable = table.table();
            lastFilterResult = rowFilter.test(table.schema(), table.table());
        }
        return lastFilterResult;
    }

    /** When row values are decoded: {@link RowDecoding#EAGER} (the default) or {@link RowDecoding#LAZY} (on access). */
    public RowDecoding rowDecoding() {
        return rowDecoding;
    }

    /** Decode row values all when the event is read ({@link RowDecoding#EAGER}, the default) or on access. */
    public void rowDecoding(RowDecoding mode) {
        this.rowDecoding = Objects.requireNonNull(mode, "rowDecoding");
    }

    public ColumnValueReader valueReader() {
        return valueReader;
    }

    public JsonDiffApplier jsonDiffApplier() {
        return jsonDiffApplier;
    }

    /** The dispatcher using this context (for events that contain events). */
    EventDecoder decoder() {
        return decoder;
    }

    void decoder(EventDecoder eventDecoder) {
        this.decoder = eventDecoder;
    }

    /** The event type of a header type code under the current FORMAT_DESCRIPTION's numbering, or {@code null}. */
    public EventType eventType(int typeCode) {
        if (developmentNumbering) {
            switch (typeCode) {
                case 20: return EventType.XID;
                case 21: return EventType.BEGIN_LOAD_QUERY;
                case 22: return EventType.EXECUTE_LOAD_QUERY;
                case 16, 17, 18, 19: return null;
                default: break;
            }
        }
        return EventType.ofCode(typeCode);
    }

    /** Whether the code is a row or table map event of a MySQL 5.2 development build, whose layout we do not know. */
    boolean developmentRowEvent(int typeCode) {
        return developmentNumbering && typeCode >= 16 && typeCode <= 19;
    }
}
