package dev.binlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BinlogPositionTest {

    @Test
    void printsFileAndOffset() {
        assertThat(new BinlogPosition("mysql-bin.000003", 4711)).hasToString("mysql-bin.000003:4711");
    }

    @Test
    void printsGtidSetAfterThePosition() {
        assertThat(new BinlogPosition("mysql-bin.000003", 4711, MariaDbGtidList.parse("0-1-42,1-2-7")))
                .hasToString("mysql-bin.000003:4711 gtid=0-1-42,1-2-7");
    }

    @Test
    void parsesWhatItPrints() {
        BinlogPosition position = BinlogPosition.parse(
                "binlog.000012:157 gtid=3e11fa47-71ca-11e1-9e33-c80aa9429562:1-77:80");
        assertThat(position.file()).isEqualTo("binlog.000012");
        assertThat(position.position()).isEqualTo(157);
        assertThat(position.gtidState()).isEqualTo(GtidSet.parse("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-77:80"))
                .hasToString("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-77:80");
        assertThat(BinlogPosition.parse("mysql-bin.000001:4")).isEqualTo(new BinlogPosition("mysql-bin.000001", 4));
    }

    @Test
    void rejectsTextWithoutNumericOffsetNamingTheExpectedForm() {
        assertThatThrownBy(() -> BinlogPosition.parse("mysql-bin.000001"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("expected FILE:POSITION");
        assertThatThrownBy(() -> BinlogPosition.parse("mysql-bin.000001:abc"))
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void rejectsNegativeOffset() {
        assertThatThrownBy(() -> new BinlogPosition("mysql-bin.000001", -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void filesCompareByNumberPastSixDigits() {
        assertThat(new BinlogPosition("mysql-bin.1000000", 4)).isGreaterThan(new BinlogPosition("mysql-bin.999999", 900));
    }

    @Test
    void positionsInOneFileCompareByOffset() {
        assertThat(new BinlogPosition("mysql-bin.000002", 120)).isLessThan(new BinlogPosition("mysql-bin.000002", 4711));
    }

    @Test
    void comparisonIgnoresTheGtidState() {
        BinlogPosition withGtids = new BinlogPosition("mysql-bin.000002", 120, MariaDbGtidList.parse("0-1-42"));
        BinlogPosition without = new BinlogPosition("mysql-bin.000002", 120);

        assertThat(withGtids).isEqualByComparingTo(without).isNotEqualTo(without);
    }

    @Test
    void aSnapshotCheckpointTravelsInTheTextFormAndBack() {
        SnapshotCheckpoint checkpoint = new SnapshotCheckpoint("dba-1", "table", List.of("shop.orders",
                "shop.order lines;x,y"), List.of("3432", "616263"), List.of("393939", "7a"), 42);
        BinlogPosition position = new BinlogPosition("mysql-bin.000003", 4711, MariaDbGtidList.parse("0-1-42"))
                .withSnapshot(checkpoint);

        String text = position.toString();

        assertThat(text).isEqualTo("mysql-bin.000003:4711 gtid=0-1-42 snapshot=dba-1;table;shop.orders,"
                + "shop.order+lines%3Bx%2Cy;3432,616263;393939,7a;42");
        assertThat(BinlogPosition.parse(text)).isEqualTo(position);
        assertThat(BinlogPosition.parse(text).snapshot().table()).isEqualTo("shop.orders");
        assertThat(BinlogPosition.parse("mysql-bin.000003:4 snapshot=s;gtid;-;-;-;0").snapshot())
                .isEqualTo(new SnapshotCheckpoint("s", "gtid", List.of(), List.of(), List.of(), 0));
        assertThat(position.compareTo(position.withSnapshot(null))).isZero();
    }

    @Test
    void aDamagedSnapshotCheckpointIsRefusedNamingItsForm() {
        assertThatThrownBy(() -> BinlogPosition.parse("mysql-bin.000003:4 snapshot=s;table;a.b;zz;-;0"))
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> BinlogPosition.parse("mysql-bin.000003:4 snapshot=s;table;a.b"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("id;watermark;tables;lastKey;maxKey;rows");
    }
}
