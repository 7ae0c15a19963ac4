package dev.binlog.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.BinlogException;
import dev.binlog.ConfigurationException;
import dev.binlog.PositionNotFoundException;
import dev.binlog.ServerErrorException;
import org.junit.jupiter.api.Test;

/** What the user reads when the server refuses a dump's start position: the position, then the server. */
class DumpErrorsTest {

    @Test
    void anOffsetPastTheEndNamesThePositionAndSaysItIsNotAnEvent() {
        BinlogException e = DumpErrors.classify(error("Client requested master to start replication from position >"
                + " file size"), "db:3306", "mysql-bin.000003:999999", 7);
        assertThat(e).isInstanceOf(PositionNotFoundException.class).hasMessage("the start position"
                + " mysql-bin.000003:999999 on db:3306 is not the start of an event (an offset inside one, or past the"
                + " end of the file): binlog dump from db:3306: server error 1236 (HY000): Client requested master to"
                + " start replication from position > file size; start at a transaction's start or end, e.g. a"
                + " change's ChangeMetadata.transactionStart() or a commit's Transaction.committedPosition()");
    }

    @Test
    void aPurgedFileNamesThePositionNotTheHostAsThePosition() {
        BinlogException e = DumpErrors.classify(error("Could not find first log file name in binary log index file"),
                "db:3306", "mysql-bin.000001:4", 7);
        assertThat(e).isInstanceOf(PositionNotFoundException.class).hasMessage("the start position"
                + " mysql-bin.000001:4 is no longer on db:3306 (purged binary log or unknown GTID): binlog dump from"
                + " db:3306: server error 1236 (HY000): Could not find first log file name in binary log index file;"
                + " start from StartPosition.earliest() or a position listed by SHOW BINARY LOGS");
    }

    @Test
    void aSecondReplicaWithOurServerIdIsAConfigurationErrorOnBothServerFamilies() {
        BinlogException mysql = DumpErrors.classify(error("A slave with the same server_uuid/server_id as this slave"
                + " has connected to the master"), "db:3306", "mysql-bin.000001:4", 7);
        BinlogException mariaDb = DumpErrors.classify(new ServerErrorException(4052, "HY000", "A slave with the same"
                + " server_uuid/server_id is already connected", "binlog dump from db:3306"), "db:3306",
                "mysql-bin.000001:4", 7);
        for (BinlogException e : new BinlogException[] {mysql, mariaDb}) {
            assertThat(e).isInstanceOf(ConfigurationException.class).hasMessage("another replica with server id 7"
                    + " (or the same server UUID) is already streaming from db:3306; give each client its own server"
                    + " id (BinlogClient.Builder.serverId)");
        }
    }

    @Test
    void onlyTheFatalReadErrorIsClassifiedByItsText() {
        ServerErrorException denied = new ServerErrorException(1227, "42000", "Access denied; the binary log was"
                + " purged", "binlog dump from db:3306");
        assertThat(DumpErrors.classify(denied, "db:3306", "mysql-bin.000001:4", 7)).isSameAs(denied);
    }

    private static ServerErrorException error(String message) {
        return new ServerErrorException(1236, "HY000", message, "binlog dump from db:3306");
    }
}
