package dev.binlog.testsupport;

/** The server families our live tests run against. */
public enum ServerFlavor {
    MARIADB("MariaDB"),
    MYSQL("MySQL");

    private final String displayName;

    ServerFlavor(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /** Tells the flavour from {@code SELECT VERSION()}, e.g. {@code 11.4.5-MariaDB-log} or {@code 8.4.3}. */
    public static ServerFlavor fromVersionString(String version) {
        return version.toLowerCase(java.util.Locale.ROOT).contains("mariadb") ? MARIADB : MYSQL;
    }
}
