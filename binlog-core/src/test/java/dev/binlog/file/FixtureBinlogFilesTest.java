package dev.binlog.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.DecodeException;
import dev.binlog.event.BinlogEvent;
import dev.binlog.event.GtidEvent;
import dev.binlog.event.MariaGtidEvent;
import dev.binlog.event.MariaGtidListEvent;
import dev.binlog.event.PreviousGtidsEvent;
import dev.binlog.event.TransactionPayloadEvent;
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
                    new Failure(612, false), new Failure(650, false)));

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
        Assumptions.assumeTrue(Files.isDirectory(FIXTURES), "binlog fixtures folder absent: " + FIXTURES);
        Path file = FIXTURES.resolve(relative);
        Map<String, Object> expected = (Map<String, Object>) MiniJson.parse(
                Files.readString(FIXTURES.resolve("expected").resolve(relative + ".json"), StandardCharsets.UTF_8));
        byte[] bytes = Files.readAllBytes(file);

        List<BinlogEvent> events = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        Map<String, Integer> counts = new TreeMap<>();
        Map<Integer, BinlogEvent> byIndex = new TreeMap<>();
        boolean valuesMissing = false;
        try (BinlogFileReader reader = new BinlogFileReader(file)) {
            int index = 0;
            while (true) {
                long offset = reader.position();
                BinlogEvent event;
                try {
                    event = reader.next();
                } catch (DecodeException e) {
                    if (!e.getMessage().contains("no column value decoder available")) {
                        failures.add(new Failure(offset, e.corrupt()));
                    } else {
                        valuesMissing = true;
                    }
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
        for (Object p : (List<Object>) expected.getOrDefault("transaction_payloads", List.of())) {
            Map<String, Object> payload = (Map<String, Object>) p;
            int index = ((Number) payload.get("event_index")).intValue();
            TransactionPayloadEvent event = (TransactionPayloadEvent) byIndex.get(index);
            if (event == null && valuesMissing) {
                continue;
            }
            assertThat(event.uncompressedSize()).isEqualTo(((Number) payload.get("uncompressed_bytes")).longValue());
            List<String> innerTypes = new ArrayList<>();
            for (Object inner : (List<Object>) payload.get("inner_events")) {
                innerTypes.add((String) ((Map<String, Object>) inner).get("type"));
            }
            assertThat(event.events()).extracting(FixtureBinlogFilesTest::jsonName).as("inner events of #" + index)
                    .isEqualTo(innerTypes);
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
            return previous.gtidSet();
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
