package dev.binlog.cli.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class TemporalTextTest {

    @Test
    void writesDateWithFourDigitYear() {
        assertThat(TemporalText.date(LocalDate.of(999, 1, 2))).isEqualTo("0999-01-02");
    }

    @Test
    void writesExactlyTheColumnsFractionDigits() {
        LocalDateTime value = LocalDateTime.of(2026, 11, 23, 10, 15, 30, 250_000_000);
        assertThat(TemporalText.dateTime(value, 0)).isEqualTo("2026-11-23 10:15:30");
        assertThat(TemporalText.dateTime(value, 3)).isEqualTo("2026-11-23 10:15:30.250");
        assertThat(TemporalText.dateTime(value, 6)).isEqualTo("2026-11-23 10:15:30.250000");
    }

    @Test
    void keepsTrailingZeroFractionOfPreciseColumn() {
        assertThat(TemporalText.dateTime(LocalDateTime.of(2026, 1, 1, 0, 0), 2)).isEqualTo("2026-01-01 00:00:00.00");
    }

    @Test
    void usesSixDigitsForUnknownPrecisionOnlyWhenThereIsAFraction() {
        assertThat(TemporalText.dateTime(LocalDateTime.of(2026, 1, 1, 0, 0, 1, 500_000), -1))
                .isEqualTo("2026-01-01 00:00:01.000500");
        assertThat(TemporalText.dateTime(LocalDateTime.of(2026, 1, 1, 0, 0, 1), -1)).isEqualTo("2026-01-01 00:00:01");
    }

    @Test
    void writesTimestampInUtc() {
        assertThat(TemporalText.timestamp(Instant.parse("2026-11-23T12:15:30.123456+02:00"), 6))
                .isEqualTo("2026-11-23 10:15:30.123456");
    }

    @Test
    void writesNegativeTimeWithThreeHourDigits() {
        Duration value = Duration.ofHours(838).plusMinutes(59).plusSeconds(59).negated();
        assertThat(TemporalText.time(value, 0)).isEqualTo("-838:59:59");
    }

    @Test
    void writesNegativeTimeWithFraction() {
        Duration value = Duration.ofSeconds(1, 500_000_000).negated();
        assertThat(TemporalText.time(value, 1)).isEqualTo("-00:00:01.5");
        assertThat(TemporalText.time(Duration.ofMinutes(75), 2)).isEqualTo("01:15:00.00");
    }
}
