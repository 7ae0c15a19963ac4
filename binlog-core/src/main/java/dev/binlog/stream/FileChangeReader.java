package dev.binlog.stream;

import dev.binlog.BinlogException;
import dev.binlog.ChangeListener;
import dev.binlog.PositionStore;
import dev.binlog.SchemaSource;
import dev.binlog.TableFilter;
import dev.binlog.event.BinlogEvent;
import dev.binlog.event.FormatDescriptionEvent;
import dev.binlog.event.TableMapEvent;
import dev.binlog.event.decode.DecoderContext;
import dev.binlog.event.decode.RowDecoding;
import dev.binlog.event.decode.EventDecoder;
import dev.binlog.file.BinlogFileReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The change stream of binlog files on disk, in order, on the calling thread: what {@code BinlogFiles.reader(...)
 * .read()} runs. Start and stop bounds apply like {@code mariadb-binlog}'s: the start offset to the first file, the stop
 * offset to the last, times to every event.
 */
final class FileChangeReader {

    private final List<Path> files;
    private final Long startPosition;
    private final Long stopPosition;
    private final Instant startTime;
    private final Instant stopTime;
    private final TableFilter filter;
    private final TransactionAssembler assembler;
    private final TableResolver resolver;
    private final StatisticsCounter statistics = new StatisticsCounter();
    private final LagTracker lag = new LagTracker(Clock.systemUTC());
    private final RowDecoding rowDecoding;
    private final long maxEventSize;

    /**
     * @param schemaReader reads column names from a server, or {@code null} to use the files' metadata or {@code @n}
     */
    public FileChangeReader(List<Path> files, TableFilter filter, Long startPosition, Long stopPosition,
            Instant startTime, Instant stopTime, InformationSchemaReader schemaReader, RowDecoding rowDecoding,
            long maxEventSize, ChangeListener listener) {
        this.rowDecoding = rowDecoding;
        this.maxEventSize = maxEventSize;
        this.files = List.copyOf(files);
        this.startPosition = startPosition;
        this.stopPosition = stopPosition;
        this.startTime = startTime;
        this.stopTime = stopTime;
        this.filter = filter;
        this.resolver = new TableResolver(filter, SchemaSource.AUTO, schemaReader);
        this.assembler = new TransactionAssembler(listener, filter,
                new PositionCommitter(PositionStore.inMemory(), statistics), statistics, lag);
    }

    /** Reads every file; a listener's exception or a decode error ends the read and propagates. */
    public void read() {
        for (int i = 0; i < files.size(); i++) {
            if (!readFile(files.get(i), i == 0, i == files.size() - 1)) {
                return;
            }
        }
    }

    /** False when a stop bound was reached. */
    private boolean readFile(Path path, boolean first, boolean last) {
        DecoderContext context = new DecoderContext(path.toString());
        context.rowFilter(filter::includesTable);
        context.rowDecoding(rowDecoding);
        EventDecoder decoder = new EventDecoder(context);
        EventDispatcher dispatcher = new EventDispatcher(assembler, resolver, OwnTables.none(), context, statistics,
                lag,
                path.getFileName().toString());
        // Table ids are only valid within one file.
        resolver.invalidate(List.of());
        try (BinlogFileReader reader = new BinlogFileReader(path, decoder, maxEventSize)) {
            BinlogEvent event;
            while (!(last && stopPosition != null && reader.position() >= stopPosition)
                    && (event = reader.next()) != null) {
                long position = event.header().position();
                Instant time = Instant.ofEpochSecond(event.header().timestamp());
                if (stopTime != null && event.header().timestamp() > 0 && !time.isBefore(stopTime)
                        && !(event instanceof FormatDescriptionEvent)) {
                    return false;
                }
                boolean beforeStart = (first && startPosition != null && position < startPosition)
                        || (startTime != null && event.header().timestamp() > 0 && time.isBefore(startTime));
                if (beforeStart && !(event instanceof TableMapEvent)) {
                    continue;
                }
                dispatcher.dispatch(event);
            }
            return !(last && stopPosition != null && reader.position() >= stopPosition);
        } catch (IOException e) {
            throw new BinlogException("cannot read " + path + ": " + e.getMessage()
                    + "; check that the file exists and is readable", e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new BinlogException("the listener failed while reading " + path + ": " + e.getMessage(), e);
        }
    }
}
