package dev.binlog.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.binlog.DecodeException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class JsonPatchTest {

    /** Binary JSON of the int16 42 (type 0x05, little-endian value). */
    private static final byte[] FORTY_TWO = HexFormat.of().parseHex("052a00");
    /** Binary JSON of the string "x" (type 0x0c, length 1). */
    private static final byte[] X = HexFormat.of().parseHex("0c0178");

    @Test
    void replacesAMemberKeepingTheRestVerbatim() {
        assertThat(JsonPatch.apply("{\"age\": 41, \"name\": \"Pete\", \"price\": 1.50}", JsonPatch.Operation.REPLACE,
                "$.age", FORTY_TWO)).isEqualTo("{\"age\": 42, \"name\": \"Pete\", \"price\": 1.50}");
    }

    @Test
    void insertsNewKeysInMysqlKeyOrderAndArrayElementsAtTheirIndex() {
        assertThat(JsonPatch.apply("{\"bb\": 1, \"ccc\": [1, 3]}", JsonPatch.Operation.INSERT, "$.a", X))
                .isEqualTo("{\"a\": \"x\", \"bb\": 1, \"ccc\": [1, 3]}");
        assertThat(JsonPatch.apply("{\"ccc\": [1, 3]}", JsonPatch.Operation.INSERT, "$.ccc[1]", FORTY_TWO))
                .isEqualTo("{\"ccc\": [1, 42, 3]}");
    }

    @Test
    void removesAtNestedPaths() {
        assertThat(JsonPatch.apply("{\"a\": {\"b c\": [true, null]}}", JsonPatch.Operation.REMOVE, "$.a.\"b c\"[0]",
                null)).isEqualTo("{\"a\": {\"b c\": [null]}}");
    }

    @Test
    void pathMissingFromThePreviousValueIsACorruptEvent() {
        assertThatThrownBy(() -> JsonPatch.apply("{\"a\": 1}", JsonPatch.Operation.REPLACE, "$.b.c", X))
                .isInstanceOf(DecodeException.class).hasMessageContaining("$.b.c does not exist");
    }

    @Test
    void binaryJsonPrintsLikeTheServer() {
        // {"a": [1, "b", true]} as a small object holding a small array.
        byte[] doc = HexFormat.of().parseHex("00" + "0100" + "1e00" + "0b00" + "0100" + "02" + "0c00" + "61"
                + "0300" + "1100" + "050100" + "0c0d00" + "040100" + "0162");
        assertThat(JsonBinary.toJson(doc, 0, doc.length)).isEqualTo("{\"a\": [1, \"b\", true]}");
    }
}
