package dev.binlog.fuzz;

import com.github.luben.zstd.Zstd;
import dev.binlog.Column;
import dev.binlog.ColumnType;
import dev.binlog.event.ChecksumType;
import dev.binlog.event.FormatDescriptionEvent;
import dev.binlog.event.decode.ColumnValueReaders;
import dev.binlog.event.decode.DecoderContext;
import dev.binlog.event.decode.EventDecoder;
import dev.binlog.file.BinlogFileReader;
import dev.binlog.io.ByteCursor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Seed inputs cut out of the real binlog files in {@code ../shared/fixtures/binlogs/} at test time: single events with
 * the FORMAT_DESCRIPTION (and TABLE_MAP) they need, row events with their table map, JSON column values, decompressed
 * transaction payloads, packet streams. Nothing of the fixtures is copied into the project: the seeds are made anew
 * on every run, run as regression inputs, and handed to libFuzzer as its starting corpus when fuzzing. Without the
 * fixtures there are no seeds (the targets still run on their committed inputs).
 */
public final class FixtureSeeds {

    static final Path FIXTURES = Paths.get(System.getProperty("binlog.fixtures", "../../shared/fixtures/binlogs"));

    /** Larger events make slow seeds and teach the fuzzer nothing small ones don't. */
    private static final int MAX_SEED = 16 * 1024;
    /** Examples of one event type taken per file. */
    private static final int PER_TYPE_PER_FILE = 2;
    private static final Set<Integer> ROWS_TYPES = Set.of(20, 21, 22, 23, 24, 25, 30, 31, 32, 39, 166, 167, 168, 169,
            170, 171);
    private static final byte[] MAGIC = {(byte) 0xFE, 'b', 'i', 'n'};

    private static List<Fixture> fixtures;

    private FixtureSeeds() {
    }

    /** One fixture file split into its raw events. */
    record Fixture(String name, List<byte[]> events, ChecksumType checksum) {

        /** An event's body: after the 19-byte header, before the checksum. */
        byte[] body(byte[] event) {
            int end = event.length - (checksum == ChecksumType.CRC32 && event[4] != 15 ? 4 : 0);
            return end >= 19 ? Arrays.copyOfRange(event, 19, end) : new byte[0];
        }
    }

    /** FORMAT_DESCRIPTION [+ last TABLE_MAP] + event, for a few events of every type of every file. */
    static Stream<Arguments> events() {
        Seeds seeds = new Seeds();
        for (Fixture f : fixtures()) {
            byte[] fde = !f.events().isEmpty() && f.events().get(0)[4] == 15 ? f.events().get(0) : new byte[0];
            Map<Integer, Integer> taken = new HashMap<>();
            byte[] tableMap = new byte[0];
            for (byte[] event : f.events()) {
                int type = event[4] & 0xFF;
                if (type == 19) {
                    tableMap = event;
                }
                if (event == fde || taken.merge(type, 1, Integer::sum) > PER_TYPE_PER_FILE) {
                    continue;
                }
                seeds.add(f.name() + "#" + type, concat(fde, ROWS_TYPES.contains(type) ? tableMap : new byte[0],
                        event));
            }
        }
        return seeds.stream();
    }

    /**
     * Input of {@link RowEventFuzzTest}: flags (bit 0 MariaDB, bit 1 decode on access), rows event type code,
     * table map body length (2 bytes LE), table map body, rows body.
     */
    static Stream<Arguments> rows() {
        Seeds seeds = new Seeds();
        for (Fixture f : fixtures()) {
            boolean mariaDb = isMariaDb(f);
            Map<Integer, Integer> taken = new HashMap<>();
            byte[] tableMap = null;
            for (byte[] event : f.events()) {
                int type = event[4] & 0xFF;
                if (type == 19) {
                    tableMap = f.body(event);
                }
                if (!ROWS_TYPES.contains(type) || tableMap == null || tableMap.length > 0xFFFF
                        || taken.merge(type, 1, Integer::sum) > PER_TYPE_PER_FILE) {
                    continue;
                }
                byte[] head = {(byte) (mariaDb ? 1 : 0), (byte) type, (byte) tableMap.length,
                        (byte) (tableMap.length >>> 8)};
                seeds.add(f.name() + "#" + type, concat(head, tableMap, f.body(event)));
            }
        }
        return seeds.stream();
    }

    /** The binary JSON of every JSON column value in the fixtures. */
    static Stream<Arguments> json() {
        Seeds seeds = new Seeds();
        for (Fixture f : fixtures()) {
            if (f.events().stream().noneMatch(e -> e[4] == 19)) {
                continue;
            }
            List<byte[]> values = new ArrayList<>();
            DecoderContext context = new DecoderContext(f.name(), (in, column) -> {
                capture(in, column, values);
                return ColumnValueReaders.defaults().read(in, column);
            }, ColumnValueReaders.defaultJsonDiffApplier());
            Path file = FIXTURES.resolve(f.name());
            try (BinlogFileReader reader = new BinlogFileReader(file, new EventDecoder(context))) {
                while (true) {
                    try {
                        if (reader.next() == null) {
                            break;
                        }
                    } catch (dev.binlog.DecodeException skipped) {
                        // the broken fixtures: their other events still give seeds
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (byte[] value : values) {
                seeds.add(f.name() + "#json", value);
            }
        }
        return seeds.stream();
    }

    private static void capture(ByteCursor in, Column column, List<byte[]> values) {
        if (column.type() != ColumnType.JSON || column.metadata() < 1 || column.metadata() > 4) {
            return;
        }
        int at = in.position();
        if (in.remaining() < column.metadata()) {
            return;
        }
        long length = in.readUintN(column.metadata());
        if (length <= in.remaining() && length <= MAX_SEED) {
            values.add(Arrays.copyOfRange(in.array(), in.position(), in.position() + (int) length));
        }
        in.position(at);
    }

    /**
     * Input of {@link TransactionPayloadFuzzTest}: a mode byte (0: ZSTD with the uncompressed size announced), then the
     * uncompressed inner events of every TRANSACTION_PAYLOAD in the fixtures.
     */
    static Stream<Arguments> payloads() {
        Seeds seeds = new Seeds();
        for (Fixture f : fixtures()) {
            for (byte[] event : f.events()) {
                if ((event[4] & 0xFF) != 40) {
                    continue;
                }
                byte[] inner = decompress(f.body(event));
                if (inner != null && inner.length <= MAX_SEED * 4) {
                    seeds.add(f.name() + "#payload", concat(new byte[] {0}, inner));
                }
            }
        }
        return seeds.stream();
    }

    /** TRANSACTION_PAYLOAD body: (type, length, value) fields up to type 0, then the ZSTD payload. */
    private static byte[] decompress(byte[] body) {
        ByteCursor in = new ByteCursor(body);
        long uncompressed = -1;
        int compression = 255;
        while (in.hasRemaining()) {
            int type = (int) in.readLengthEncodedInt();
            if (type == 0) {
                break;
            }
            int length = (int) in.readLengthEncodedInt();
            int end = in.position() + length;
            long value = in.readLengthEncodedInt();
            if (type == 2) {
                compression = (int) value;
            } else if (type == 3) {
                uncompressed = value;
            }
            in.position(end);
        }
        byte[] payload = in.readRemainingBytes();
        if (compression != 0) {
            return payload;
        }
        return uncompressed > 0 && uncompressed < (1 << 24) ? Zstd.decompress(payload, (int) uncompressed) : null;
    }

    /**
     * Input of {@code PacketChannelFuzzTest}: what a server sends during a binlog dump, a few fixture events per
     * stream, each in a packet of its own (OK byte, event), with consecutive sequence ids.
     */
    public static Stream<Arguments> packets() {
        Seeds seeds = new Seeds();
        for (Fixture f : fixtures()) {
            List<byte[]> events = f.events();
            for (int from = 0; from < events.size() && from < 40; from += 4) {
                byte[] stream = new byte[0];
                int sequence = 1;
                for (int i = from; i < Math.min(events.size(), from + 4); i++) {
                    stream = concat(stream, packet(sequence++, concat(new byte[] {0}, events.get(i))));
                }
                if (stream.length <= MAX_SEED) {
                    seeds.add(f.name() + "#" + from, stream);
                }
            }
        }
        return seeds.stream();
    }

    public static byte[] packet(int sequence, byte[] payload) {
        byte[] header = {(byte) payload.length, (byte) (payload.length >>> 8), (byte) (payload.length >>> 16),
                (byte) sequence};
        return concat(header, payload);
    }

    private static boolean isMariaDb(Fixture f) {
        byte[] first = f.events().isEmpty() ? new byte[0] : f.events().get(0);
        return first.length > 71 && new String(first, 21, 50, java.nio.charset.StandardCharsets.ISO_8859_1)
                .contains("MariaDB");
    }

    public static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    /** Every binlog file of the fixtures (starting with the magic bytes), split into events; read once per JVM. */
    static synchronized List<Fixture> fixtures() {
        if (fixtures != null) {
            return fixtures;
        }
        List<Fixture> found = new ArrayList<>();
        if (!Files.isDirectory(FIXTURES)) {
            System.err.println("binlog-fuzz: no fixture seeds, " + FIXTURES + " is absent; only committed inputs run");
            return fixtures = found;
        }
        try (Stream<Path> walk = Files.walk(FIXTURES)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                byte[] bytes = Files.readAllBytes(file);
                if (bytes.length < 4 || !Arrays.equals(bytes, 0, 4, MAGIC, 0, 4)) {
                    continue;
                }
                List<byte[]> events = split(bytes);
                ChecksumType checksum = checksumOf(file, events);
                found.add(new Fixture(FIXTURES.relativize(file).toString(), events, checksum));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fixtures = found;
    }

    private static List<byte[]> split(byte[] file) {
        List<byte[]> events = new ArrayList<>();
        int at = 4;
        while (file.length - at >= 19) {
            long length = (file[at + 9] & 0xFFL) | (file[at + 10] & 0xFFL) << 8 | (file[at + 11] & 0xFFL) << 16
                    | (file[at + 12] & 0xFFL) << 24;
            if (length < 19 || length > file.length - at) {
                break;
            }
            if (length <= MAX_SEED) {
                events.add(Arrays.copyOfRange(file, at, at + (int) length));
            }
            at += (int) length;
        }
        return events;
    }

    private static ChecksumType checksumOf(Path file, List<byte[]> events) {
        if (events.isEmpty() || events.get(0)[4] != 15) {
            return ChecksumType.NONE;
        }
        try {
            EventDecoder decoder = new EventDecoder(new DecoderContext(file.toString()));
            byte[] fde = events.get(0);
            return ((FormatDescriptionEvent) decoder.decode(fde, 0, fde.length, 4)).checksumType();
        } catch (RuntimeException e) {
            return ChecksumType.NONE;
        }
    }

    /** Seeds without duplicates, named after where they come from. */
    private static final class Seeds {
        private final List<Arguments> list = new ArrayList<>();
        private final Set<String> digests = new HashSet<>();

        void add(String name, byte[] seed) {
            if (seed.length > MAX_SEED * 4 || !digests.add(sha256(seed))) {
                return;
            }
            list.add(Arguments.of(Named.of(name, seed)));
        }

        Stream<Arguments> stream() {
            return list.stream();
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
