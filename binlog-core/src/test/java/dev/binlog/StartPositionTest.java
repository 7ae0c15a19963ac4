package dev.binlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class StartPositionTest {

    @Test
    void parsesEveryTextForm() {
        assertThat(StartPosition.parse("earliest")).isEqualTo(StartPosition.earliest());
        assertThat(StartPosition.parse("LATEST")).isEqualTo(StartPosition.latest());
        assertThat(StartPosition.parse("mysql-bin.000002:120")).isEqualTo(StartPosition.at("mysql-bin.000002", 120));
        assertThat(StartPosition.parse("@2026-11-23T10:15:30Z"))
                .isEqualTo(StartPosition.timestamp(Instant.parse("2026-11-23T10:15:30Z")));
        assertThat(StartPosition.parse("0-1-42,1-2-7")).isEqualTo(StartPosition.gtid(MariaDbGtidList.parse("0-1-42,1-2-7")));
        assertThat(StartPosition.parse("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5"))
                .isEqualTo(StartPosition.gtid(GtidSet.parse("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5")));
    }

    @Test
    void rejectsUnknownFormsListingTheAcceptedOnes() {
        assertThatThrownBy(() -> StartPosition.parse("yesterday"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("earliest, latest, FILE:POS");
        assertThatThrownBy(() -> StartPosition.parse("@yesterday"))
                .hasMessageContaining("ISO-8601");
    }

    @Test
    void acceptsThePositionStoresOwnFormWithItsGtidState() {
        StartPosition parsed = StartPosition.parse("mysql-bin.000003:4711 gtid=0-1-42,1-2-7");
        assertThat(parsed).isInstanceOf(StartPosition.At.class);
        assertThat(((StartPosition.At) parsed).position()).isEqualTo(new BinlogPosition("mysql-bin.000003", 4711,
                MariaDbGtidList.parse("0-1-42,1-2-7")));
    }
}
