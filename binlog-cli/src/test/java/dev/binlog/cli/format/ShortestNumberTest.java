package dev.binlog.cli.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The texts below are what JDK 19+'s Double.toString / Float.toString print (shortest), whatever JDK runs this. */
class ShortestNumberTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "1.64194455601486234E18, 1.6419445560148623E18",
        "0.1, 0.1",
        "1.1, 1.1",
        "1e23, 1.0E23",
        "5e-324, 4.9E-324",
        "1.7976931348623157E308, 1.7976931348623157E308",
        "2.2250738585072014E-308, 2.2250738585072014E-308",
        "-1e300, -1.0E300",
        "100, 100.0",
        "9999999, 9999999.0",
        "1e7, 1.0E7",
        "0.001, 0.001",
        "0.0001, 1.0E-4",
        "2.5, 2.5",
        "-0.0, -0.0",
        "0, 0.0"})
    void writesTheShortestDoubleThatReadsBack(double value, String expected) {
        assertThat(ShortestNumber.of(value)).isEqualTo(expected);
        assertThat(Double.parseDouble(ShortestNumber.of(value))).isEqualTo(value);
    }

    @ParameterizedTest(name = "{0}f -> {1}")
    @CsvSource({
        "1.1, 1.1",
        "0.1, 0.1",
        "0.3, 0.3",
        "3.4028235E38, 3.4028235E38",
        "1.4E-45, 1.4E-45",
        "1.0E10, 1.0E10",
        "16777216, 1.6777216E7",
        "-2.5, -2.5"})
    void writesTheShortestFloatThatReadsBackAsTheSameFloat(float value, String expected) {
        assertThat(ShortestNumber.of(value)).isEqualTo(expected);
        assertThat(Float.parseFloat(ShortestNumber.of(value))).isEqualTo(value);
    }
}
