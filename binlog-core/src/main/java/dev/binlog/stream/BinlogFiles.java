package dev.binlog.stream;

import dev.binlog.ChangeListener;
import dev.binlog.ConfigurationException;
import dev.binlog.ServerSettings;
import dev.binlog.TableFilter;
import dev.binlog.event.decode.RowDecoding;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Reads binary log (or relay log) files on disk as the same change stream a live {@link BinlogClient} delivers. Column
 * names come from the files' TABLE_MAP metadata, else from a server given with {@link Builder#schemaServer}, else
 * they are {@code @1}, {@code @2}…
 *
 * <pre>{@code
 * BinlogFiles.reader(List.of(Path.of("mysql-bin.000042"))).listener(System.out::println).read();
 * }</pre>
 */
public final class BinlogFiles {

    private BinlogFiles() {
    }

    public static Builder reader(List<Path> files) {
        return new Builder(files);
    }

    /** Options of one read; {@link #read()} runs it on the calling thread. */
    public static final class Builder {
        private final List<Path> files;
        private TableFilter filter = TableFilter.all();
        private Long startPosition;
        private Long stopPosition;
        private Instant startTime;
        private Instant stopTime;
        private ServerSettings schemaServer;
        private RowDecoding rowDecoding = RowDecoding.EAGER;
        private long maxEventSize = ClientSettings.DEFAULT_MAX_EVENT_SIZE;
        private ChangeListener listener;

        private Builder(List<Path> files) {
            if (files.isEmpty()) {
                throw new ConfigurationException("no binlog file given");
            }
            this.files = List.copyOf(files);
        }

        public Builder filter(TableFilter value) {
            filter = value;
            return this;
        }

        /** Skip events before this offset of the first file. */
        public Builder startPosition(long value) {
            startPosition = value;
            return this;
        }

        /** Stop at the first event at or beyond this offset of the last file. */
        public Builder stopPosition(long value) {
            stopPosition = value;
            return this;
        }

        public Builder startTime(Instant value) {
            startTime = value;
            return this;
        }

        public Builder stopTime(Instant value) {
            stopTime = value;
            return this;
        }

        /** A server to read column names from ({@code information_schema}) when the files carry none. */
        public Builder schemaServer(ServerSettings value) {
            schemaServer = value;
            return this;
        }

        /**
         * When column values are decoded: {@link RowDecoding#EAGER} (default) when the event is read, so that a value
         * that does not decode stops the read there; {@link RowDecoding#LAZY} when a listener first reads them.
         */
        public Builder rowDecoding(RowDecoding value) {
            rowDecoding = java.util.Objects.requireNonNull(value, "rowDecoding");
            return this;
        }

        /**
         * The largest event read, in bytes: 1 GiB by default, from 1 KiB to 2047 MiB. An event header that claims
         * more ends the read with a {@link dev.binlog.DecodeException} naming the file and offset, before the event
         * is buffered, so a damaged or hostile file cannot make the reader allocate more than this.
         */
        public Builder maxEventSize(long bytes) {
            dev.binlog.client.ReplicationSettings.checkMaxEventSize(bytes);
            maxEventSize = bytes;
            return this;
        }

        public Builder listener(ChangeListener value) {
            listener = value;
            return this;
        }

        public List<Path> files() {
            return files;
        }

        public TableFilter filter() {
            return filter;
        }

        /** Reads every file in order, delivering changes to the listener; throws on the first error. */
        public void read() {
            if (listener == null) {
                throw new ConfigurationException("no listener given: call listener(...) before read()");
            }
            InformationSchemaReader schemaReader = schemaServer == null ? null : SchemaConnections.reader(schemaServer);
            new FileChangeReader(files, filter, startPosition, stopPosition, startTime, stopTime, schemaReader, rowDecoding,
                    maxEventSize, listener).read();
        }
    }
}
