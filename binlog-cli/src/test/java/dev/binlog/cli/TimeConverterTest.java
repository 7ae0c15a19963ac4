package dev.binlog.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class TimeConverterTest {

    private final TimeConverter converter = new TimeConverter(ZoneId.of("Europe/Berlin"));

    @Test
    void readsAnInstant() {
        assertThat(converter.convert("2026-11-23T10:15:30Z")).hasToString("2026-11-23T10:15:30Z");
    }

    @Test
    void readsAnOffsetDateTime() {
        assertThat(converter.convert("2026-11-23T12:15:30+02:00")).hasToString("2026-11-23T10:15:30Z");
    }

    @Test
    void readsMysqlbinlogStyleLocalTimeInTheLocalZone() {
        assertThat(converter.convert("2026-11-23 11:15:30")).hasToString("2026-11-23T10:15:30Z");
    }

    @Test
    void namesTheAcceptedFormsOnError() {
        assertThatThrownBy(() -> converter.convert("noon")).isInstanceOf(TypeConversionException.class)
                .hasMessageStartingWith("'noon' is not a time; use 2026-11-23T10:15:30Z");
    }
}
