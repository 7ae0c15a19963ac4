package dev.binlog.bench;

import dev.binlog.event.BinlogEvent;
import dev.binlog.event.DeleteRowsEvent;
import dev.binlog.event.RowImage;
import dev.binlog.event.UpdateRowsEvent;
import dev.binlog.event.UpdatedRow;
import dev.binlog.event.WriteRowsEvent;
import dev.binlog.event.decode.DecoderContext;
import dev.binlog.event.decode.EventDecoder;

/**
 * Decodes a binlog file held in memory with binlog-core's {@link EventDecoder}, the decoder {@code BinlogFileReader}
 * and the live client use: checksums verified, every row decoded to typed values.
 */
public final class OurDecoder {

    private OurDecoder() {
    }

    public static DecodeCount decode(byte[] file, String name, RowSink sink) {
        EventDecoder decoder = new EventDecoder(new DecoderContext(name));
        long events = 0;
        long rows = 0;
        for (int at = BinlogBytes.FIRST_EVENT; at < file.length; ) {
            int length = BinlogBytes.eventLength(file, at);
            BinlogEvent event = decoder.decode(file, at, length, at);
            events++;
            if (event instanceof WriteRowsEvent write) {
                for (RowImage row : write.rows()) {
                    sink.row(row.values());
                }
                rows += write.rows().size();
            } else if (event instanceof UpdateRowsEvent update) {
                for (UpdatedRow row : update.rows()) {
                    sink.row(row.before().values());
                    sink.row(row.after().values());
                }
                rows += update.rows().size();
            } else if (event instanceof DeleteRowsEvent delete) {
                for (RowImage row : delete.rows()) {
                    sink.row(row.values());
                }
                rows += delete.rows().size();
            }
            at += length;
        }
        return new DecodeCount(events, rows);
    }
}
