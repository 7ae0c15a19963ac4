package dev.binlog.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.binlog.BinlogPosition;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class StopConditionTest {

    private final StopCondition.Converter converter = new StopCondition.Converter();

    @Test
    void reachesAPositionAtOrBeyondTheStopInTheSameFile() {
        StopCondition stop = converter.convert("mysql-bin.000009:500");

        assertThat(stop.reached(new BinlogPosition("mysql-bin.000009", 499), null)).isFalse();
        assertThat(stop.reached(new BinlogPosition("mysql-bin.000009", 500), null)).isTrue();
    }

    @Test
    void comparesFilesByTheirNumberNotAlphabetically() {
        StopCondition stop = converter.convert("mysql-bin.999999:4");

        assertThat(stop.reached(new BinlogPosition("mysql-bin.1000000", 4), null)).isTrue();
        assertThat(stop.reached(new BinlogPosition("mysql-bin.000010", 90000), null)).isFalse();
    }

    @Test
    void reachesATimeOnlyAfterIt() {
        StopCondition stop = converter.convert("@2026-11-23T10:00:00Z");

        assertThat(stop.reached(null, Instant.parse("2026-11-23T10:00:00Z"))).isFalse();
        assertThat(stop.reached(null, Instant.parse("2026-11-23T10:00:01Z"))).isTrue();
    }

    @Test
    void rejectsTextThatIsNeitherPositionNorTime() {
        assertThatThrownBy(() -> converter.convert("tomorrow")).isInstanceOf(TypeConversionException.class)
                .hasMessage("'tomorrow' is not a stop point; use FILE:POS (mysql-bin.000042:1234) or @time"
                        + " (@2026-11-23T10:15:30Z)");
    }
}
