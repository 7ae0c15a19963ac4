package dev.binlog.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.binlog.DecodeException;
import dev.binlog.ProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventChecksTest {

    @ParameterizedTest
    @ValueSource(strings = {"mysql-bin.000002", "mariadb-bin.000017", "host-1-relay_bin.999999", "binlog.1000000"})
    void acceptsPlainBinlogFileNames(String name) {
        assertThat(EventChecks.rotateName(name, "db:3306", "mysql-bin.000001:4711")).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../mysql-bin.000002", "..", "logs/mysql-bin.000002", "/var/lib/mysql/mysql-bin.000002",
        "logs\\mysql-bin.000002", "mysql-bin..000002", "", "mysql-bin.000002\u0000", "mysql bin.000002",
        "mysql-bin:000002"})
    void refusesFileNamesThatAreNotPlainNames(String name) {
        assertThatThrownBy(() -> EventChecks.rotateName(name, "db:3306", "mysql-bin.000001:4711"))
                .isInstanceOf(ProtocolException.class)
                .hasMessageStartingWith("db:3306 mysql-bin.000001:4711: the server sent a ROTATE to ")
                .satisfies(e -> assertThat(((ProtocolException) e).retryable()).isFalse());
    }

    @Test
    void refusesAnEventShorterThanItsHeader() {
        assertThatThrownBy(() -> EventChecks.frame(new byte[32], 1, 11, "db:3306", "mysql-bin.000001:249"))
                .isInstanceOf(DecodeException.class)
                .hasMessage("db:3306 mysql-bin.000001:249: the server sent an event of 11 bytes, shorter than the"
                        + " 19-byte event header; the stream is damaged, restart from the last committed position");
    }

    @Test
    void refusesAnEventSizeOtherThanThePacket() {
        byte[] packet = new byte[1 + 31];
        packet[1 + 9] = (byte) 0xE8; // event_size 1000
        packet[1 + 10] = 0x03;
        assertThatThrownBy(() -> EventChecks.frame(packet, 1, 31, "db:3306", "mysql-bin.000001:249"))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("the event header says the event is 1000 bytes but its packet holds 31");
    }
}
