package dev.binlog.value;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.Column;
import dev.binlog.ColumnType;
import dev.binlog.io.ByteCursor;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bytes as the binlog stores them, and the value a user sees. */
public class ValueDecoderTest {

    private static Column column(ColumnType type, int metadata) {
        return Column.of(0, type, metadata, true);
    }

    public static Stream<Arguments> cases() {
        Column unsignedBigint = column(ColumnType.LONGLONG, 0).withUnsigned(true);
        Column enumColumn = column(ColumnType.STRING, (ColumnType.ENUM.code() << 8) | 1)
                .withEnumValues(List.of("small", "large"));
        Column setColumn = column(ColumnType.STRING, (ColumnType.SET.code() << 8) | 1)
                .withSetValues(List.of("a", "b", "c"));
        return Stream.of(
                Arguments.of("TINYINT -1", column(ColumnType.TINY, 0), "ff", -1),
                Arguments.of("TINYINT UNSIGNED 255", column(ColumnType.TINY, 0).withUnsigned(true), "ff", 255),
                Arguments.of("INT UNSIGNED max", column(ColumnType.LONG, 0).withUnsigned(true), "ffffffff",
                        4294967295L),
                Arguments.of("BIGINT UNSIGNED max", unsignedBigint, "ffffffffffffffff",
                        new BigInteger("18446744073709551615")),
                Arguments.of("MEDIUMINT min", column(ColumnType.INT24, 0), "000080", -8388608),
                Arguments.of("DECIMAL(10,2) 12.30", column(ColumnType.NEWDECIMAL, (10 << 8) | 2), "8000000c1e",
                        new BigDecimal("12.30")),
                Arguments.of("DECIMAL(10,2) -12.30", column(ColumnType.NEWDECIMAL, (10 << 8) | 2), "7ffffff3e1",
                        new BigDecimal("-12.30")),
                Arguments.of("DECIMAL(5,0) 0", column(ColumnType.NEWDECIMAL, 5 << 8), "800000", new BigDecimal("0")),
                Arguments.of("TIME2(0) -838:59:59", column(ColumnType.TIME2, 0), "4b9105",
                        Duration.parse("-PT838H59M59S")),
                Arguments.of("TIME2(6) 12:34:56.000001", column(ColumnType.TIME2, 6), "80c8b8000001",
                        Duration.parse("PT12H34M56.000001S")),
                Arguments.of("DATETIME2(0) 2024-02-29 13:14:15", column(ColumnType.DATETIME2, 0), "99b2bad38f",
                        LocalDateTime.of(2024, 2, 29, 13, 14, 15)),
                Arguments.of("DATETIME2(0) zero", column(ColumnType.DATETIME2, 0), "8000000000",
                        new ZeroDate("0000-00-00 00:00:00")),
                Arguments.of("DATE 2020-00-10", column(ColumnType.DATE, 0), "0ac80f", new ZeroDate("2020-00-10")),
                Arguments.of("TIMESTAMP2(3) .123", column(ColumnType.TIMESTAMP2, 3), "6553f100" + "04ce",
                        Instant.parse("2023-11-14T22:13:20.123Z")),
                Arguments.of("YEAR 2155", column(ColumnType.YEAR, 0), "ff", 2155),
                Arguments.of("BIT(10) 0b1000000001", column(ColumnType.BIT, 0x0102), "0201", 513L),
                Arguments.of("BIT(63) all ones", column(ColumnType.BIT, 0x0707), "7fffffffffffffff",
                        9223372036854775807L),
                Arguments.of("BIT(64) all ones, unsigned", column(ColumnType.BIT, 0x0800), "ffffffffffffffff",
                        new BigInteger("18446744073709551615")),
                Arguments.of("BIT(64) top bit", column(ColumnType.BIT, 0x0800), "8000000000000001",
                        new BigInteger("9223372036854775809")),
                Arguments.of("BIT(64) one, same type", column(ColumnType.BIT, 0x0800), "0000000000000001",
                        BigInteger.ONE),
                Arguments.of("ENUM by name", enumColumn, "02", "large"),
                Arguments.of("ENUM index unknown names", column(ColumnType.STRING, (ColumnType.ENUM.code() << 8) | 1),
                        "02", 2),
                Arguments.of("SET by names", setColumn, "05", Set.of("a", "c")),
                Arguments.of("VARCHAR utf8mb4", column(ColumnType.VARCHAR, 80).withCollationId(45), "04f09f9880",
                        "\uD83D\uDE00"),
                Arguments.of("VARCHAR latin1 café", column(ColumnType.VARCHAR, 80).withCollationId(8), "04636166e9",
                        "café"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decodesStoredBytesToTheValueTheServerReturns(String name, Column column, String hex, Object expected) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        ByteCursor cursor = new ByteCursor(bytes);
        Object value = new ValueDecoder(ValueOptions.defaults()).decode(cursor, column);
        assertThat(value).isEqualTo(expected);
        assertThat(cursor.remaining()).as("bytes left after the value").isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void zeroDatesBecomeNullWhenAskedTo(String name, Column column, String hex, Object expected) {
        Object value = new ValueDecoder(new ValueOptions(ValueOptions.ZeroDateMode.NULL))
                .decode(new ByteCursor(HexFormat.of().parseHex(hex)), column);
        assertThat(value).isEqualTo(expected instanceof ZeroDate ? null : expected);
    }
}
