package dev.binlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class GtidSetTest {

    private static final String A = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
    private static final String B = "b0000000-0000-0000-0000-000000000001";

    @Test
    void parsesAndPrintsIntervalsSortedAndMerged() {
        GtidSet set = GtidSet.parse(B + ":7," + A + ":7-9:1-3:4-5");

        assertThat(set.toString()).isEqualTo(A + ":1-5:7-9," + B + ":7");
    }

    @Test
    void ignoresWhitespaceAndNewlinesAsPrintedByGtidExecuted() {
        assertThat(GtidSet.parse(" " + A + ":1-5,\n" + B + ":2 ").toString()).isEqualTo(A + ":1-5," + B + ":2");
    }

    @Test
    void parsesTaggedGtidsWithUntaggedFirstAndTagsLowerCased() {
        GtidSet set = GtidSet.parse(A + ":Zeta:3:alpha:1-2:10," + A + ":4");

        // numbers after a tag belong to that tag, so 10 is alpha's
        assertThat(set.toString()).isEqualTo(A + ":4:alpha:1-2:10:zeta:3");
        assertThat(set.hasTags()).isTrue();
        assertThat(set.contains(UUID.fromString(A), "ALPHA", 2)).isTrue();
        assertThat(set.contains(UUID.fromString(A), 2)).isFalse();
    }

    @Test
    void addingAdjacentTransactionExtendsTheInterval() {
        GtidSet set = GtidSet.parse(A + ":1-5:7").add(UUID.fromString(A), 6);

        assertThat(set.toString()).isEqualTo(A + ":1-7");
    }

    @Test
    void addsTransactionInTextForm() {
        assertThat(GtidSet.empty().add(A + ":tag:4").add(A + ":4").toString()).isEqualTo(A + ":4:tag:4");
    }

    @Test
    void unionMergesOverlappingSets() {
        GtidSet union = GtidSet.parse(A + ":1-3").union(GtidSet.parse(A + ":2-8," + B + ":1"));

        assertThat(union.toString()).isEqualTo(A + ":1-8," + B + ":1");
        assertThat(union.contains(GtidSet.parse(A + ":4-6"))).isTrue();
        assertThat(union.contains(GtidSet.parse(A + ":9"))).isFalse();
    }

    @Test
    void equalSetsFromDifferentSpellings() {
        assertThat(GtidSet.parse(A.toUpperCase() + ":1-2:3")).isEqualTo(GtidSet.parse(A + ":1-3"));
    }

    @Test
    void emptyTextIsTheEmptySet() {
        assertThat(GtidSet.parse("").isEmpty()).isTrue();
        assertThat(GtidSet.parse("").toString()).isEmpty();
    }

    @Test
    void rejectsMalformedTextNamingThePart() {
        assertThatThrownBy(() -> GtidSet.parse("not-a-uuid:1-5"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("'not-a-uuid' in GTID set 'not-a-uuid:1-5' is not a server UUID");
        assertThatThrownBy(() -> GtidSet.parse(A + ":5-3"))
                .hasMessageContaining("'5-3' in GTID set");
        assertThatThrownBy(() -> GtidSet.parse(A + ":tag"))
                .hasMessageContaining("ends without transaction numbers");
    }

    @Test
    void encodesUntaggedSetWithExclusiveIntervalEnds() {
        byte[] encoded = GtidSet.parse(A + ":1-5").encode();

        assertThat(HexFormat.of().formatHex(encoded)).isEqualTo(
                "0100000000000000" // one sid
                        + "3e11fa4771ca11e19e33c80aa9429562"
                        + "0100000000000000" // one interval
                        + "0100000000000000" // start 1
                        + "0600000000000000"); // end 5, exclusive
    }

    @Test
    void encodesTaggedSetInTaggedFormat() {
        byte[] encoded = GtidSet.parse(A + ":ab:2").encode();

        assertThat(HexFormat.of().formatHex(encoded)).isEqualTo(
                "0101000000000001" // format 1, one tsid, format 1
                        + "3e11fa4771ca11e19e33c80aa9429562"
                        + "04" + "6162" // tag length 2 as varlen (2 << 1), "ab"
                        + "0100000000000000"
                        + "0200000000000000"
                        + "0300000000000000");
    }

    @Test
    void ofMergesDecodedPartsAndUsesTheEmptyTagForUntaggedGtids() {
        GtidSet set = GtidSet.of(List.of(
                new GtidSet.UuidSet(UUID.fromString(A), "MyTag", List.of(new GtidSet.Interval(1, 2))),
                new GtidSet.UuidSet(UUID.fromString(A), "", List.of(new GtidSet.Interval(1, 3),
                        new GtidSet.Interval(4, 5)))));

        assertThat(set).hasToString(A + ":1-5:mytag:1-2");
        assertThat(set.uuidSets()).extracting(GtidSet.UuidSet::tag).containsExactly("", "mytag");
    }
}
