package dev.binlog.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.binlog.DecodeException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Binary JSON whose offsets a server never writes: found by binlog-fuzz's JsonBinaryFuzzTest. */
class JsonBinaryTest {

    @Test
    void rendersSmallArrayOfLiterals() {
        // small array, 2 elements, 10 bytes: inline true, inline null
        byte[] json = HexFormat.of().parseHex("0202000a00040100040000");
        assertThat(JsonBinary.toJson(json, 0, json.length)).isEqualTo("[true, null]");
    }

    @Test
    void escapesControlCharactersAndPrintsOpaqueDatesZeroPadded() {
        // string of one U+0001; opaque DATE (field type 10) 2021-03-04, packed
        assertThat(JsonBinary.toJson(new byte[] {0x0c, 1, 1}, 0, 3)).isEqualTo("\"\\u0001\"");
        long packed = ((2021L * 13 + 3) << 5 | 4) << 17 << 24;
        byte[] date = new byte[11];
        date[0] = 0x0f;
        date[1] = 10;
        date[2] = 8;
        for (int i = 0; i < 8; i++) {
            date[3 + i] = (byte) (packed >>> (8 * i));
        }
        assertThat(JsonBinary.toJson(date, 0, date.length)).isEqualTo("\"2021-03-04\"");
    }

    @Test
    void rejectsAContainerThatContainsItself() {
        // small array of one element: a small array at offset 0, i.e. itself (was a StackOverflowError)
        byte[] json = HexFormat.of().parseHex("020100070002000000");
        assertThatThrownBy(() -> JsonBinary.toJson(json, 0, json.length))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("nested deeper than 100 levels");
    }

    @Test
    void rejectsEntriesSharingOneValueOverAndOver() {
        // 30 small arrays, each with two entries pointing at the next one: 311 bytes that would render 2^30 nulls
        int levels = 30;
        byte[] json = new byte[1 + 10 * (levels + 1)];
        json[0] = 0x02;
        for (int i = 0; i <= levels; i++) {
            int at = 1 + 10 * i;
            json[at] = 2;
            json[at + 2] = 10;
            for (int e = 0; e < 2; e++) {
                int entry = at + 4 + 3 * e;
                if (i < levels) {
                    json[entry] = 0x02;
                    json[entry + 1] = 10;
                } else {
                    json[entry] = 0x04;
                }
            }
        }
        assertThatThrownBy(() -> JsonBinary.toJson(json, 0, json.length))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("311 bytes renders as more than 5040 characters");
    }
}
