package dev.binlog.bench;

import dev.binlog.testsupport.MariaDbProcess;
import dev.binlog.testsupport.TestServers;

/** The embedded MariaDB 11.4 the corpus and the end-to-end runs use, set up for write speed over durability. */
public final class BenchServer {

    private BenchServer() {
    }

    public static MariaDbProcess start(String label) {
        return TestServers.startPrivateEmbedded(label,
                "--binlog-row-metadata=FULL",
                "--innodb-flush-log-at-trx-commit=0",
                "--sync-binlog=0",
                "--innodb-buffer-pool-size=256M",
                "--innodb-log-file-size=256M",
                "--max-binlog-size=1G");
    }
}
