package dev.binlog.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.Column;
import dev.binlog.DecodeException;
import dev.binlog.event.BinlogEvent;
import dev.binlog.event.DeleteRowsEvent;
import dev.binlog.event.GtidEvent;
import dev.binlog.event.MariaGtidEvent;
import dev.binlog.event.MariaGtidListEvent;
import dev.binlog.event.PreviousGtidsEvent;
import dev.binlog.event.RowImage;
import dev.binlog.event.RowsEvent;
import dev.binlog.event.TransactionPayloadEvent;
import dev.binlog.event.UpdateRowsEvent;
import dev.binlog.event.WriteRowsEvent;
import dev.binlog.event.decode.DecoderContext;
import dev.binlog.event.decode.EventDecoder;
import dev.binlog.event.decode.RowDecoding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Decodes every real binlog file of the shared fixtures to its end and compares what comes out with the facts in
 * {@code expected/<file>.json}: event counts per type, GTIDs and, for the deliberately broken files, the typed error at
 * the right offset.
 */
class FixtureBinlogFilesTest {

    static final Path FIXTURES = Paths.get(System.getProperty("binlog.fixtures", "../../shared/fixtures/binlogs"));

    /** Where each broken file fails: offset → (type name, corrupt). The reader continues after body errors. */
    static final Map<String, List<Failure>> EXPECTED_FAILURES = Map.of(
            "blackbeam__rust_mysql_common/test-data/binlogs/binlog_truncated_event.000001",
            List.of(new Failure(4, true)),
            "blackbeam__rust_mysql_common/test-data/binlogs/binlog_truncated_prev_gtid_event.000001",
            List.of(new Failure(120, true)),
            "blackbeam__rust_mysql_common/test-data/binlogs/corrupt-relay-bin.000624",
            List.of(new Failure(91204, true)),
            "blackbeam__rust_mysql_common/test-data/binlogs/ver_5_1-wl2325_r.001",
            List.of(new Failure(428, false), new Failure(466, false), new Failure(511, false), new Failure(549, false),
                    new Failure(612, false), new Failure(650, false)),
            // MariaDB 10.0 TIMESTAMP(3) columns in MariaDB's own fractional layout: the binlog does not carry their
            // size, so without a schema source the rows are reported as unsupported (mariadb-binlog fails there too).
            "pingcap__tiflow/mysql-bin.000001",
            List.of(new Failure(1819, false), new Failure(2418, false), new Failure(3267, false),
                    new Failure(3569, false)));

    record Failure(long offset, boolean corrupt) {
    }

    static Stream<String> fixtureFiles() throws IOException {
        Path expected = FIXTURES.resolve("expected");
        if (!Files.isDirectory(expected)) {
            return Stream.of("(fixtures absent)");
        }
        try (Stream<Path> walk = Files.walk(expected)) {
            return walk.filter(p -> p.toString().endsWith(".json"))
                    .map(p -> expected.relativize(p).toString().replaceFirst("\\.json$", ""))
                    .sorted()
                    .collect(Collectors.toList())
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtureFiles")
    @SuppressWarnings("unchecked")
    void decodesFixtureFileAsExpected(String relative) throws IOException {
        decodesAsExpected(relative, RowDecoding.LAZY);
    }

    /** The same facts with every row value decoded when its event is read, as before decoding on access. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtureFiles")
    void decodesFixtureFileAsExpectedWhenDecodingEagerly(String relative) throws IOException {
        decodesAsExpected(relative, RowDecoding.EAGER);
    }

    @SuppressWarnings("unchecked")
    private static void decodesAsExpected(String relative, RowDecoding rowDecoding) throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(FIXTURES), "binlog fixtures folder absent: " + FIXTURES);
        Path file = FIXTURES.resolve(relative);
        Map<String, Object> expected = (Map<String, Object>) MiniJson.parse(
                Files.readString(FIXTURES.resolve("expected").resolve(relative + ".json"), StandardCharsets.UTF_8));
        byte[] bytes = Files.readAllBytes(file);

        List<BinlogEvent> events = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        Map<String, Integer> counts = new TreeMap<>();
        Map<Integer, BinlogEvent> byIndex = new TreeMap<>();
        DecoderContext context = new DecoderContext(file.toString());
        context.rowDecoding(rowDecoding);
        try (BinlogFileReader reader = new BinlogFileReader(file, new EventDecoder(context))) {
            int index = 0;
            while (true) {
                long offset = reader.position();
                BinlogEvent event;
                try {
                    event = reader.next();
                } catch (DecodeException e) {
                    failures.add(new Failure(offset, e.corrupt()));
                    assertThat(e.getMessage()).contains(file.toString()).contains(" at " + offset);
                    if (offset + 19 <= bytes.length && reader.position() > offset) {
                        counts.merge(jsonTypeName(bytes[(int) offset + 4] & 0xFF), 1, Integer::sum);
                        index++;
                    }
                    continue;
                }
                if (event == null) {
                    break;
                }
                events.add(event);
                byIndex.put(index++, event);
                counts.merge(jsonName(event), 1, Integer::sum);
            }
        }

        Map<String, Object> expectedCounts = (Map<String, Object>) expected.get("event_counts");
        Map<String, Integer> expectedCountsInt = new TreeMap<>();
        expectedCounts.forEach((k, v) -> expectedCountsInt.put(k, ((Number) v).intValue()));
        assertThat(counts).as("event counts per type").isEqualTo(expectedCountsInt);

        assertThat(failures).as("decode errors").isEqualTo(EXPECTED_FAILURES.getOrDefault(relative, List.of()));
        for (Object g : (List<Object>) expected.get("gtids")) {
            Map<String, Object> gtid = (Map<String, Object>) g;
            int index = ((Number) gtid.get("event_index")).intValue();
            BinlogEvent event = byIndex.get(index);
            assertThat(jsonName(event)).as("event #" + index).isEqualTo(gtid.get("kind"));
            assertThat(gtidValue(event)).as("GTID of event #" + index).isEqualTo(gtid.get("value"));
        }
        assertRows(expected, byIndex);
        for (Object p : (List<Object>) expected.getOrDefault("transaction_payloads", List.of())) {
            Map<String, Object> payload = (Map<String, Object>) p;
            int index = ((Number) payload.get("event_index")).intValue();
            TransactionPayloadEvent event = (TransactionPayloadEvent) byIndex.get(index);
            assertThat(event.uncompressedSize()).isEqualTo(((Number) payload.get("uncompressed_bytes")).longValue());
            List<String> innerTypes = new ArrayList<>();
            for (Object inner : (List<Object>) payload.get("inner_events")) {
                innerTypes.add((String) ((Map<String, Object>) inner).get("type"));
            }
            assertThat(event.events().toList()).extracting(FixtureBinlogFilesTest::jsonName).as("inner events of #" + index)
                    .isEqualTo(innerTypes);
        }
    }

    /** One decoded row, flattened in file order, with where it came from. */
    record DecodedRow(int eventIndex, int innerIndex, String type, String table, List<Object> before,
                      List<Object> after) {
    }

    static List<DecodedRow> flattenRows(Map<Integer, BinlogEvent> byIndex) {
        List<DecodedRow> rows = new ArrayList<>();
        byIndex.forEach((index, event) -> {
            if (event instanceof TransactionPayloadEvent payload) {
                List<BinlogEvent> inner = payload.events().toList();
                for (int k = 0; k < inner.size(); k++) {
                    addRows(rows, index, k, inner.get(k));
                }
            } else {
                addRows(rows, index, -1, event);
            }
        });
        return rows;
    }

    private static void addRows(List<DecodedRow> rows, int index, int inner, BinlogEvent event) {
        if (!(event instanceof RowsEvent rowsEvent)) {
            return;
        }
        List<Column> columns = rowsEvent.table().columns();
        String table = rowsEvent.table().qualifiedName();
        if (event instanceof WriteRowsEvent write) {
            write.rows().forEach(r -> rows.add(new DecodedRow(index, inner, "insert", table, null, convert(r, columns))));
        } else if (event instanceof DeleteRowsEvent delete) {
            delete.rows().forEach(r -> rows.add(new DecodedRow(index, inner, "delete", table, convert(r, columns),
                    null)));
        } else if (event instanceof UpdateRowsEvent update) {
            update.rows().forEach(r -> rows.add(new DecodedRow(index, inner, "update", table,
                    convert(r.before(), columns), convert(r.after(), columns))));
        }
    }

    private static List<Object> convert(RowImage image, List<Column> columns) {
        List<Object> values = new ArrayList<>();
        for (int i : image.presentColumns()) {
            values.add(JsonConventions.convert(image.get(i), columns.get(i)));
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    static void assertRows(Map<String, Object> expected, Map<Integer, BinlogEvent> byIndex) {
        List<DecodedRow> decoded = flattenRows(byIndex);
        Map<String, Integer> nextInEvent = new TreeMap<>();
        for (Object r : (List<Object>) expected.get("rows")) {
            Map<String, Object> row = (Map<String, Object>) r;
            if (!"mariadb-binlog".equals(row.get("source")) && !String.valueOf(row.get("source"))
                    .startsWith("mariadb-binlog on")) {
                continue; // JSON/VECTOR renderings of another library; asserted in their own tests
            }
            int eventIndex = ((Number) row.get("event_index")).intValue();
            int inner = row.containsKey("payload_inner_index")
                    ? ((Number) row.get("payload_inner_index")).intValue() : -1;
            DecodedRow ours;
            if (row.containsKey("row_number_in_file")) {
                ours = decoded.get(((Number) row.get("row_number_in_file")).intValue());
            } else {
                String key = eventIndex + "." + inner;
                int n = row.containsKey("row_in_event") ? ((Number) row.get("row_in_event")).intValue()
                        : nextInEvent.getOrDefault(key, 0);
                nextInEvent.put(key, n + 1);
                List<DecodedRow> inEvent = decoded.stream()
                        .filter(d -> d.eventIndex() == eventIndex && d.innerIndex() == inner).toList();
                assertThat(inEvent.size()).as("rows of event #" + key).isGreaterThan(n);
                ours = inEvent.get(n);
            }
            String where = "row of event #" + eventIndex + (inner >= 0 ? "." + inner : "") + " on " + row.get("table");
            assertThat(ours.eventIndex()).as(where).isEqualTo(eventIndex);
            assertThat(ours.type()).as(where).isEqualTo(row.get("type"));
            assertThat(ours.table()).as(where).isEqualTo(row.get("table"));
            assertValues(where + " before", ours.before(), (List<Object>) row.get("before"));
            assertValues(where + " after", ours.after(), (List<Object>) row.get("after"));
        }
    }

    private static void assertValues(String where, List<Object> ours, List<Object> json) {
        if (json == null) {
            assertThat(ours).as(where).isNull();
            return;
        }
        assertThat(ours).as(where).hasSize(json.size());
        for (int i = 0; i < json.size(); i++) {
            assertThat(JsonConventions.matches(ours.get(i), json.get(i)))
                    .as(where + " column " + (i + 1) + ": ours " + ours.get(i) + ", expected " + json.get(i)).isTrue();
        }
    }

    static String jsonName(BinlogEvent event) {
        return jsonTypeName(event.header().typeCode());
    }

    static String jsonTypeName(int code) {
        if (code == 100) {
            return "AURORA_PADDING(type 100)";
        }
        dev.binlog.event.EventType type = dev.binlog.event.EventType.ofCode(code);
        return type != null ? type.name() : "type " + code;
    }

    static String gtidValue(BinlogEvent event) {
        if (event instanceof GtidEvent gtid) {
            return gtid.gtid();
        }
        if (event instanceof PreviousGtidsEvent previous) {
            return previous.gtidSet().toString();
        }
        if (event instanceof MariaGtidEvent maria) {
            return maria.gtid().toString();
        }
        if (event instanceof MariaGtidListEvent list) {
            return list.gtids().stream().map(Object::toString).collect(Collectors.joining(","));
        }
        return "not a GTID event: " + event;
    }
}
