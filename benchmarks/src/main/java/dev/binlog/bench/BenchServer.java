package dev.binlog.bench;

import dev.binlog.testsupport.MariaDbProcess;
import dev.binlog.testsupport.MariaDbInstaller;
import dev.binlog.testsupport.TestServers;
import java.util.List;
import java.util.Optional;

/** The embedded MariaDB 11.4 the corpus and the end-to-end runs use, set up for write speed over durability. */
public final class BenchServer {

    private BenchServer() {
    }

    static final List<String> OPTIONS = List.of(
            "--binlog-row-metadata=FULL",
            "--innodb-flush-log-at-trx-commit=0",
            "--sync-binlog=0",
            "--innodb-buffer-pool-size=256M",
            "--innodb-log-file-size=256M",
            "--max-binlog-size=1G",
            "--max-allowed-packet=256M");

    public static MariaDbProcess start(String label) {
        return TestServers.startPrivateEmbedded(label, OPTIONS.toArray(String[]::new));
    }

    /**
     * Debian's MariaDB 10.11 with the same settings, when installed: its own {@code mariadb-binlog} can dump it (the
     * 10.11 tool refuses the embedded 11.4 server), which gives the raw dump rate catch-up is compared with.
     */
    public static Optional<MariaDbProcess> startDebian(String label) {
        return MariaDbInstaller.debianServerInstalled()
                ? Optional.of(MariaDbInstaller.startDebian(label, OPTIONS)) : Optional.empty();
    }
}
