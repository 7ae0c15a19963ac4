package dev.binlog.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.bench.ConnectorJDecoder.Mode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The benchmark's fast guard for CI: on real MySQL files of the shared fixtures, both decoders yield the same rows, so
 * the decode benchmarks compare equal work. (The generated corpus is checked the same way by the suite itself.)
 */
class DifferentialCheckTest {

    private static final Path SAKILA = Path.of(System.getProperty("binlog.fixtures", "../../shared/fixtures/binlogs"),
            "osheroff__mysql-binlog-connector-java/src/test/resources/mysql-bin.sakila");

    @ParameterizedTest
    @EnumSource(Mode.class)
    void bothDecodersYieldTheSakilaRows(Mode mode) {
        Assumptions.assumeTrue(Files.exists(SAKILA), "shared fixtures absent: " + SAKILA);
        byte[] file = BinlogBytes.read(SAKILA);

        assertThat(DifferentialCheck.differences(file, "sakila", mode)).isEmpty();
        assertThat(OurDecoder.decode(file, "sakila", row -> { }).rows()).isEqualTo(47_273);
    }

    @Test
    void representationsOfTheSameValueCompareEqualAndOtherValuesDoNot() {
        String ours = CanonicalRow.of(new Object[] {1L, "ACADEMY DINOSAUR"}, false);
        String theirs = CanonicalRow.of(new Object[] {1, "ACADEMY DINOSAUR".getBytes()}, false);
        String other = CanonicalRow.of(new Object[] {2, "ACADEMY DINOSAUR"}, false);

        assertThat(ours).isEqualTo(theirs).isNotEqualTo(other);
    }
}
