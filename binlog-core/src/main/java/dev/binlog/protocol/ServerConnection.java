package dev.binlog.protocol;

import dev.binlog.ProtocolException;
import dev.binlog.ServerSettings;
import dev.binlog.io.ByteCursor;
import dev.binlog.io.MalformedDataException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A logged-in connection speaking the text protocol: queries, ping, quit. Not thread-safe: one thread uses it at a
 * time (the replication stream sends {@link #quit()} from another thread only to end a blocked read).
 *
 * <p>Each packet of a query's result is at most {@link PacketLimit#QUERY_BYTES}: the client's own queries
 * (variables, grants, binary log lists, {@code information_schema} columns) return nothing near that.
 */
public final class ServerConnection implements AutoCloseable {

    private static final int COM_QUIT = 0x01;
    private static final int COM_QUERY = 0x03;
    /**
     * The most a result of the client's own queries (held whole, unlike a snapshot's rows) may take: 16 MiB, fixed;
     * the largest, every column of every table when a stream starts at the end of the log, is some 100 bytes a column.
     */
    private static final int MAX_HELD_RESULT_BYTES = 16 * 1024 * 1024;
    /** MySQL's and MariaDB's limit on the columns of a table, and so of a result. */
    private static final int MAX_RESULT_COLUMNS = 4096;
    private static final int COM_PING = 0x0E;

    private final PacketChannel channel;
    private final ServerInfo info;
    private final int capabilities;
    private volatile boolean closed;

    ServerConnection(PacketChannel channel, ServerInfo info, int capabilities) {
        this.channel = channel;
        this.info = info;
        this.capabilities = capabilities;
        channel.limit(PacketLimit.QUERY);
    }

    /**
     * Connects and logs in.
     *
     * @throws dev.binlog.AuthenticationException when the server refuses the login or TLS cannot be established
     * @throws ProtocolException (retryable) when the server cannot be reached
     */
    public static ServerConnection open(ServerSettings settings) {
        return Login.open(settings);
    }

    public ServerInfo serverInfo() {
        return info;
    }

    /** The framed packet stream, for commands beyond the text protocol (the binlog dump). */
    public PacketChannel channel() {
        return channel;
    }

    /** Sends one command packet: the command byte followed by {@code body}. */
    public void sendCommand(int command, byte[] body, int length) {
        byte[] packet = new byte[length + 1];
        packet[0] = (byte) command;
        System.arraycopy(body, 0, packet, 1, length);
        channel.resetSequence();
        channel.writePacket(packet);
    }

    /**
     * Runs a statement and returns its rows (empty for statements without a result set).
     *
     * @throws dev.binlog.ServerErrorException with the server's code, SQL state and message
     */
    public List<ResultRow> query(String sql) {
        byte[] text = sql.getBytes(StandardCharsets.UTF_8);
        sendCommand(COM_QUERY, text, text.length);
        channel.stage(() -> " while reading the result of [" + abbreviate(sql) + "]");
        int length = channel.readPacket();
        byte[] b = channel.buffer();
        int first = b[0] & 0xFF;
        if (first == 0x00) {
            return List.of();
        }
        if (first == 0xFF) {
            throw ErrorPacket.parse(b, length).toException("query on " + info.endpoint() + " [" + abbreviate(sql)
                    + "]");
        }
        if (first == 0xFB) {
            throw new ProtocolException("server at " + info.endpoint() + " asked for LOCAL INFILE, which this"
                    + " client never sends", null, false);
        }
        try {
            return readResultSet(new ByteCursor(b, 0, length).readLengthEncodedInt());
        } catch (MalformedDataException e) {
            throw new ProtocolException("malformed result set from " + info.endpoint() + " for [" + abbreviate(sql)
                    + "]: " + e.getMessage(), e, false);
        }
    }

    /** Receives the rows of {@link #queryRows} one at a time. */
    @FunctionalInterface
    public interface RowHandler {
        /** One row's values as the server sent them: text or bytes, {@code null} for SQL NULL. */
        void row(byte[][] values) throws Exception;
    }

    /**
     * Runs a query and hands each row to {@code handler} as it arrives, values as raw bytes (no character set applied):
     * memory stays that of one row whatever the result's size. A row may be as large as {@code limit} allows (the
     * client's own queries keep their fixed cap).
     *
     * @return the number of rows
     * @throws dev.binlog.ServerErrorException with the server's code, SQL state and message
     */
    public long queryRows(String sql, PacketLimit limit, RowHandler handler) throws Exception {
        byte[] text = sql.getBytes(StandardCharsets.UTF_8);
        sendCommand(COM_QUERY, text, text.length);
        channel.stage(() -> " while reading the rows of [" + abbreviate(sql) + "]");
        channel.limit(limit);
        try {
            return readRows(sql, handler);
        } finally {
            channel.limit(PacketLimit.QUERY);
        }
    }

    private long readRows(String sql, RowHandler handler) throws Exception {
        int length = channel.readPacket();
        byte[] b = channel.buffer();
        int first = b[0] & 0xFF;
        if (first == 0x00) {
            return 0;
        }
        if (first == 0xFF) {
            throw ErrorPacket.parse(b, length).toException("query on " + info.endpoint() + " [" + abbreviate(sql)
                    + "]");
        }
        try {
            long columnCount = new ByteCursor(b, 0, length).readLengthEncodedInt();
            checkColumnCount(columnCount);
            int columns = (int) columnCount;
            for (int i = 0; i < columns; i++) {
                channel.readPacket();
            }
            if ((capabilities & Capabilities.DEPRECATE_EOF) == 0) {
                channel.readPacket();
            }
            ByteCursor c = new ByteCursor(new byte[0]);
            long count = 0;
            while (true) {
                length = channel.readPacket();
                b = channel.buffer();
                first = b[0] & 0xFF;
                if (first == 0xFE && length < 0xFFFFFF
                        && (length < 9 || (capabilities & Capabilities.DEPRECATE_EOF) != 0)) {
                    return count;
                }
                if (first == 0xFF) {
                    throw ErrorPacket.parse(b, length).toException("reading rows from " + info.endpoint());
                }
                c.reset(b, 0, length);
                byte[][] values = new byte[columns][];
                for (int i = 0; i < columns; i++) {
                    if ((c.peekUint8() & 0xFF) == 0xFB) {
                        c.skip(1);
                    } else {
                        long size = c.readLengthEncodedInt();
                        if (size < 0 || size > c.remaining()) {
                            throw new MalformedDataException("a value of " + size + " bytes overruns its row of "
                                    + length + " bytes", c.position());
                        }
                        values[i] = c.readBytes((int) size);
                    }
                }
                handler.row(values);
                count++;
            }
        } catch (MalformedDataException e) {
            throw new ProtocolException("malformed result set from " + info.endpoint() + " for [" + abbreviate(sql)
                    + "]: " + e.getMessage(), e, false);
        }
    }

    /** The single value of a one-row, one-column query ({@code null} when there is no row or it is NULL). */
    public String queryString(String sql) {
        List<ResultRow> rows = query(sql);
        return rows.isEmpty() ? null : rows.get(0).get(0);
    }

    private List<ResultRow> readResultSet(long columnCount) {
        checkColumnCount(columnCount);
        List<String> columns = new ArrayList<>((int) columnCount);
        ByteCursor c = new ByteCursor(new byte[0]);
        for (int i = 0; i < columnCount; i++) {
            int length = channel.readPacket();
            c.reset(channel.buffer(), 0, length);
            for (int skip = 0; skip < 4; skip++) { // catalog, schema, table, original table
                c.readLengthEncodedString(StandardCharsets.UTF_8);
            }
            columns.add(c.readLengthEncodedString(StandardCharsets.UTF_8));
        }
        List<String> labels = List.copyOf(columns);
        if ((capabilities & Capabilities.DEPRECATE_EOF) == 0) {
            channel.readPacket(); // EOF after the column definitions
        }
        List<ResultRow> rows = new ArrayList<>();
        long held = 0;
        while (true) {
            int length = channel.readPacket();
            byte[] b = channel.buffer();
            int first = b[0] & 0xFF;
            if (first == 0xFE && length < 0xFFFFFF && (length < 9 || (capabilities & Capabilities.DEPRECATE_EOF) != 0)) {
                return rows;
            }
            // the result is held whole, so it is capped as a whole; a row costs memory beyond its bytes
            held += length + 32L * labels.size() + 48;
            if (held > MAX_HELD_RESULT_BYTES) {
                throw new ProtocolException("the result from " + info.endpoint() + channel.stageText() + " holds more"
                        + " than " + PacketLimit.describe(MAX_HELD_RESULT_BYTES) + " after " + rows.size()
                        + " rows, the limit on a result of the client's own queries, which is fixed; the server is"
                        + " misbehaving, or it answered with far more rows than any this client asks for", null,
                        false);
            }
            if (first == 0xFF) {
                throw ErrorPacket.parse(b, length).toException("reading rows from " + info.endpoint());
            }
            c.reset(b, 0, length);
            String[] values = new String[labels.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = c.readLengthEncodedString(StandardCharsets.UTF_8);
            }
            rows.add(new ResultRow(labels, Arrays.asList(values)));
        }
    }

    /** A result's column count, which the server sends as a number of up to 8 bytes. */
    private void checkColumnCount(long columnCount) {
        if (columnCount < 1 || columnCount > MAX_RESULT_COLUMNS) {
            throw new ProtocolException("the server at " + info.endpoint() + channel.stageText() + " announced a result"
                    + " of " + columnCount + " columns; a result has 1 to " + MAX_RESULT_COLUMNS + " (the server is"
                    + " misbehaving)", null, false);
        }
    }

    /** The packet just read, which must be an ERR packet, as an exception naming {@code context}. */
    public dev.binlog.ServerErrorException errorFromLastPacket(String context) {
        return ErrorPacket.parse(channel.buffer(), channel.length()).toException(context);
    }

    /** Checks the connection is alive. */
    void ping() {
        sendCommand(COM_PING, new byte[0], 0);
        channel.stage(() -> " while waiting for the answer to a ping");
        int length = channel.readPacket();
        if ((channel.buffer()[0] & 0xFF) == 0xFF) {
            throw ErrorPacket.parse(channel.buffer(), length).toException("ping " + info.endpoint());
        }
    }

    /** Sends COM_QUIT (best effort) and closes the socket; safe to call twice and from another thread. */
    public void quit() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            sendCommand(COM_QUIT, new byte[0], 0);
        } catch (RuntimeException ignored) {
            // the server may be gone already; closing the socket is what matters
        }
        channel.close();
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        quit();
    }

    private static String abbreviate(String sql) {
        return sql.length() <= 200 ? sql : sql.substring(0, 200) + "...";
    }
}
