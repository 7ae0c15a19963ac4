package dev.binlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilePositionStoreTest {

    @TempDir
    Path dir;

    @Test
    void loadsNothingBeforeTheFirstSave() {
        assertThat(PositionStore.file(dir.resolve("pos")).load()).isEmpty();
    }

    @Test
    void savedPositionSurvivesANewStoreOnTheSameFile() throws Exception {
        Path file = dir.resolve("nested/binlog.position");
        PositionStore.file(file).save(new BinlogPosition("mysql-bin.000007", 1234, MariaDbGtidList.parse("0-1-99")));

        assertThat(Files.readString(file)).isEqualTo("mysql-bin.000007:1234 gtid=0-1-99\n");
        assertThat(PositionStore.file(file).load()).contains(new BinlogPosition("mysql-bin.000007", 1234, MariaDbGtidList.parse("0-1-99")));
    }

    @Test
    void laterSaveReplacesEarlierOneAndLeavesNoTemporaryFile() throws Exception {
        Path file = dir.resolve("pos");
        PositionStore store = PositionStore.file(file);
        store.save(new BinlogPosition("mysql-bin.000001", 4));
        store.save(new BinlogPosition("mysql-bin.000002", 8));

        assertThat(store.load()).contains(new BinlogPosition("mysql-bin.000002", 8));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("pos");
        }
    }

    @Test
    void damagedFileIsReportedWithTheFix() throws Exception {
        Path file = dir.resolve("pos");
        Files.writeString(file, "garbage");
        assertThatThrownBy(() -> PositionStore.file(file).load())
                .isInstanceOf(BinlogException.class)
                .hasMessageContaining("is damaged")
                .hasMessageContaining("delete it");
    }

    @Test
    void positionFilesWrittenBeforeTypedGtidStatesStillLoadAndSaveTheSameBytes() throws Exception {
        Path mysql = dir.resolve("mysql.position");
        Path mariadb = dir.resolve("mariadb.position");
        String mysqlText = "binlog.000012:157 gtid=3e11fa47-71ca-11e1-9e33-c80aa9429562:1-77:80,"
                + "4e11fa47-71ca-11e1-9e33-c80aa9429562:1-3:mytag:1-2\n";
        String mariadbText = "mysql-bin.000007:1234 gtid=0-1-99,1-2-7\n";
        Files.writeString(mysql, mysqlText);
        Files.writeString(mariadb, mariadbText);

        BinlogPosition mysqlPosition = PositionStore.file(mysql).load().orElseThrow();
        BinlogPosition mariadbPosition = PositionStore.file(mariadb).load().orElseThrow();
        assertThat(mysqlPosition.gtidState()).isInstanceOf(GtidSet.class);
        assertThat(mariadbPosition.gtidState()).isInstanceOf(MariaDbGtidList.class);

        PositionStore.file(mysql).save(mysqlPosition);
        PositionStore.file(mariadb).save(mariadbPosition);
        assertThat(Files.readString(mysql)).isEqualTo(mysqlText);
        assertThat(Files.readString(mariadb)).isEqualTo(mariadbText);
    }
}
