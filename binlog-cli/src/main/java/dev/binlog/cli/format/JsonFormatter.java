package dev.binlog.cli.format;

import dev.binlog.BinlogPosition;
import dev.binlog.ChangeMetadata;
import dev.binlog.ChangeType;
import dev.binlog.Row;
import dev.binlog.RowChange;
import dev.binlog.SnapshotMarker;
import dev.binlog.Transaction;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonFactory;

/**
 * One JSON object per row change per line, with Maxwell's field names: {@code database}, {@code table}, {@code type},
 * {@code ts}, {@code xid}, {@code commit}, {@code position}, {@code gtid}, {@code server_id}, {@code thread_id},
 * {@code data} and, for updates, {@code old} (previous values of the changed columns only); and
 * {@code event_position}, the offset of the row's rows event, which Maxwell does not have.
 *
 * <p>{@code position} is, as a Maxwell user expects of it, a position to resume from ({@code tail --start}): the end
 * of the transaction on its last row, its start on the others. {@code data} is the row as the change left it: for a
 * MINIMAL update, the columns set plus the key from the before image.
 *
 * <p>{@code commit:true} marks the last row of a transaction, which is only known at the commit: the formatter holds
 * back exactly one row (never the whole transaction) and writes it at the next row or at the commit. For the same
 * reason {@code xid}, which the server logs at the commit, is on the last row only (unless the stream knew it
 * earlier), and {@code ts} is the row event's timestamp.
 */
public final class JsonFormatter implements ChangeFormatter {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private final Writer out;
    private final ColumnInfoSource columns;
    private RowChange pending;
    private BinlogPosition transactionStart;
    private String bootstrapping;

    /**
     * @param out     where lines go; flushed at every commit
     * @param columns column precision and JSON-ness, see {@link ColumnInfoSource}
     */
    public JsonFormatter(Writer out, ColumnInfoSource columns) {
        this.out = out;
        this.columns = columns;
    }

    @Override
    public void begin(Transaction transaction) {
        transactionStart = transaction.beginPosition();
    }

    @Override
    public void change(RowChange change) throws IOException {
        if (change.type() == ChangeType.READ) {
            // a resumed incremental copy goes on in the middle of a table, with no start of its own
            if (!change.qualifiedTable().equals(bootstrapping)) {
                bootstrapping = change.qualifiedTable();
                out.write(bootstrap(change.schema(), change.table(), "bootstrap-start", null));
            }
            out.write(bootstrap(change.schema(), change.table(), "bootstrap-insert", change));
            return;
        }
        if (pending != null) {
            out.write(line(pending, null));
        }
        pending = change;
    }

    @Override
    public void commit(Transaction transaction) throws IOException {
        if (pending != null) {
            out.write(line(pending, transaction));
            pending = null;
        }
        out.flush();
    }

    /**
     * Maxwell's bootstrap records: {@code bootstrap-start}, then the rows, then {@code bootstrap-complete}. An
     * incremental copy's rows come in chunks, with the stream's changes in between.
     */
    @Override
    public void snapshot(SnapshotMarker marker) throws IOException {
        switch (marker.kind()) {
            case TABLE_STARTED -> {
                bootstrapping = marker.qualifiedTable();
                out.write(bootstrap(marker.schema(), marker.table(), "bootstrap-start", null));
            }
            case TABLE_FINISHED -> {
                if (!marker.qualifiedTable().equals(bootstrapping)) {
                    out.write(bootstrap(marker.schema(), marker.table(), "bootstrap-start", null));
                }
                bootstrapping = null;
                out.write(bootstrap(marker.schema(), marker.table(), "bootstrap-complete", null));
                out.flush();
            }
            default -> out.flush();
        }
    }

    private String bootstrap(String schema, String table, String type, RowChange row) {
        StringWriter text = new StringWriter(256);
        try (JsonGenerator json = FACTORY.createGenerator(text)) {
            json.writeStartObject();
            json.writeStringProperty("database", schema);
            json.writeStringProperty("table", table);
            json.writeStringProperty("type", type);
            json.writeNumberProperty("ts", row == null ? Instant.now().getEpochSecond()
                    : row.metadata().timestamp().getEpochSecond());
            json.writeName("data");
            if (row == null) {
                json.writeStartObject();
                json.writeEndObject();
            } else {
                writeRow(json, row, row.after(), false);
            }
            json.writeEndObject();
        }
        return text.append('\n').toString();
    }

    @Override
    public void finish() throws IOException {
        if (pending != null) {
            out.write(line(pending, null));
            pending = null;
        }
        out.flush();
    }

    /** The JSON line of one change; {@code commit} is the transaction it ends, or {@code null}. */
    String line(RowChange change, Transaction commit) {
        ChangeMetadata meta = change.metadata();
        StringWriter text = new StringWriter(256);
        try (JsonGenerator json = FACTORY.createGenerator(text)) {
            json.writeStartObject();
            json.writeStringProperty("database", change.schema());
            json.writeStringProperty("table", change.table());
            json.writeStringProperty("type", change.type().name().toLowerCase(Locale.ROOT));
            if (meta.timestamp() != null) {
                json.writeNumberProperty("ts", meta.timestamp().getEpochSecond());
            }
            Long xid = commit != null && commit.xid() != null ? commit.xid() : meta.xid();
            if (xid != null) {
                json.writeNumberProperty("xid", xid.longValue());
            }
            if (commit != null) {
                json.writeBooleanProperty("commit", true);
            }
            json.writeStringProperty("position", resumePosition(change, commit));
            json.writeStringProperty("event_position", meta.binlogFile() + ":" + meta.position());
            if (meta.gtid() != null) {
                json.writeStringProperty("gtid", meta.gtid());
            }
            json.writeNumberProperty("server_id", meta.serverId());
            if (meta.threadId() != null) {
                json.writeNumberProperty("thread_id", meta.threadId().longValue());
            }
            json.writeName("data");
            writeRow(json, change, RowAsLeft.of(change), false);
            if (change.before() != null && change.after() != null) {
                json.writeName("old");
                writeRow(json, change, change.before(), true);
            }
            json.writeEndObject();
        }
        return text.append('\n').toString();
    }

    /**
     * Where {@code tail --start} resumes without missing anything after this row: the end of the transaction on its
     * last row; on the others its start (the whole transaction comes again, as there is no resuming inside one).
     */
    private String resumePosition(RowChange change, Transaction commit) {
        BinlogPosition position = commit != null && commit.committedPosition() != null
                ? commit.committedPosition()
                : transactionStart;
        if (position == null) {
            return change.metadata().binlogFile() + ":" + change.metadata().position();
        }
        return position.file() + ":" + position.position();
    }

    private void writeRow(JsonGenerator json, RowChange change, Row row, boolean changedOnly) {
        Set<String> changed = changedOnly ? ChangedColumns.of(change) : Set.of();
        json.writeStartObject();
        for (int i = 0; i < row.size(); i++) {
            String name = row.names().get(i);
            if (!row.isPresent(i) || changedOnly && !changed.contains(name)) {
                continue;
            }
            json.writeName(name);
            JsonValueWriter.write(json, row.get(i), columns.column(change, i));
        }
        json.writeEndObject();
    }
}
