package dev.binlog;

/**
 * The server family a stream talks to. MySQL and MariaDB differ in replication commands, variables and in the form
 * of their GTID state ({@link GtidSet} versus {@link MariaDbGtidList}); Percona Server and other MySQL builds are
 * {@link #MYSQL}.
 */
public enum ServerFlavor {
    /** Oracle MySQL and the builds that speak its replication protocol (Percona Server, ...). */
    MYSQL("MySQL"),
    /** MariaDB. */
    MARIADB("MariaDB");

    private final String displayName;

    ServerFlavor(String displayName) {
        this.displayName = displayName;
    }

    /** The family's own spelling, {@code MySQL} or {@code MariaDB}, as shown in health and info output. */
    public String displayName() {
        return displayName;
    }
}
