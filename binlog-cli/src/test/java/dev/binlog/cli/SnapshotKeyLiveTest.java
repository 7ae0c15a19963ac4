package dev.binlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;

/** {@code tail --snapshot-key}: a table without a primary key is copied by the unique key it names. */
class SnapshotKeyLiveTest {

    @LiveTest
    void copiesATableWithoutPrimaryKeyByTheNamedKey(LiveServer live) {
        live.execute("DROP TABLE IF EXISTS snap_nopk", "CREATE TABLE snap_nopk (code VARCHAR(8) NOT NULL, n INT,"
                + " UNIQUE KEY by_code (code))", "INSERT INTO snap_nopk VALUES ('c', 3), ('a', 1), ('b', 2)");
        String table = live.database() + ".snap_nopk";

        LiveCli refused = LiveCli.tail(live, "--snapshot", table, "--include", table, "--stop-at-end");
        LiveCli run = LiveCli.tail(live, "--snapshot", table, "--include", table, "--snapshot-key",
                table + "=code", "--chunk-size", "2", "--stop-at-end", "--format", "sql");

        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.err()).contains("snap_nopk");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out().lines().filter(l -> l.startsWith("INSERT")).map(l -> l.substring(0, l.indexOf(';'))))
                .containsExactly(
                        "INSERT INTO `" + live.database() + "`.`snap_nopk` (`code`, `n`) VALUES ('a', 1)",
                        "INSERT INTO `" + live.database() + "`.`snap_nopk` (`code`, `n`) VALUES ('b', 2)",
                        "INSERT INTO `" + live.database() + "`.`snap_nopk` (`code`, `n`) VALUES ('c', 3)");
    }
}
