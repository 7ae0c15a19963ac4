package dev.binlog.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.binlog.value.JsonBinary;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** MySQL's binary JSON (a JSON column's value) rendered as JSON text. */
class JsonBinaryFuzzTest {

    /**
     * Bytes allocated per input byte. A byte of binary JSON legally renders as up to 6 characters (a control character
     * in a string becomes a six-character escape; a 3-byte inline literal entry {@code "false, "} is 7 for 3), which a
     * {@code StringBuilder} holds in up to 2 bytes each (UTF-16 once a non-Latin-1 character appears) and copies as it
     * grows (up to twice) and once more into the result: 6 x 2 x 3 = 36, plus the {@code String} of each key and
     * string value before it is escaped.
     */
    static final int PER_BYTE = 64;

    static Stream<Arguments> seeds() {
        return FixtureSeeds.json();
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "60s")
    @Timeout(30)
    void rendersBinaryJson(byte[] input) {
        FuzzContract.check("json", input.length, PER_BYTE, false, budget -> JsonBinary.toJson(input, 0, input.length));
    }
}
