package dev.binlog.protocol;

import dev.binlog.ServerFlavor;

/**
 * What the server told us in its handshake.
 *
 * @param flavor MySQL or MariaDB
 * @param version the version as the server reports it, without MariaDB's {@code 5.5.5-} compatibility prefix,
 *     e.g. {@code 11.4.5-MariaDB-log} or {@code 8.4.3}
 * @param connectionId the server's id for this connection (as in {@code CONNECTION_ID()})
 * @param endpoint {@code host:port} we connected to
 * @param tls whether the connection is encrypted
 * @param authPlugin the authentication plugin that accepted us
 */
public record ServerInfo(ServerFlavor flavor, String version, long connectionId, String endpoint, boolean tls,
        String authPlugin) {

    /** Major, minor and patch numbers of the version, e.g. {@code [8, 4, 3]}; missing parts are 0. */
    public int[] versionNumbers() {
        int[] numbers = new int[3];
        String[] parts = version.split("[^0-9]", -1);
        int index = 0;
        for (String part : parts) {
            if (index == 3) {
                break;
            }
            if (part.isEmpty()) {
                // stop at the first non-numeric separator other than a dot
                break;
            }
            numbers[index++] = Integer.parseInt(part);
        }
        return numbers;
    }

    /** Whether the version is at least {@code major.minor.patch}. */
    public boolean atLeast(int major, int minor, int patch) {
        int[] v = versionNumbers();
        int cmp = Integer.compare(v[0], major);
        if (cmp == 0) {
            cmp = Integer.compare(v[1], minor);
        }
        if (cmp == 0) {
            cmp = Integer.compare(v[2], patch);
        }
        return cmp >= 0;
    }

    public boolean isMariaDb() {
        return flavor == ServerFlavor.MARIADB;
    }
}
