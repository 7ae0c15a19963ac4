package dev.binlog.testsupport;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Initial handshake packets (protocol version 10) as a server sends them, for {@link HostileServer}: protocol
 * version, server version, connection id, the 20-byte seed in its two parts, capability flags, character set, status,
 * and the authentication plugin name.
 */
public final class Greetings {

    /** The seed every greeting here carries (20 bytes, as MySQL and MariaDB send). */
    public static final byte[] SEED = "abcdefghijklmnopqrst".getBytes(StandardCharsets.US_ASCII);

    public static final int LONG_PASSWORD = 1;
    public static final int LONG_FLAG = 1 << 2;
    public static final int PROTOCOL_41 = 1 << 9;
    public static final int SSL = 1 << 11;
    public static final int TRANSACTIONS = 1 << 13;
    public static final int SECURE_CONNECTION = 1 << 15;
    public static final int MULTI_RESULTS = 1 << 17;
    public static final int PLUGIN_AUTH = 1 << 19;
    public static final int CONNECT_ATTRS = 1 << 20;
    public static final int PLUGIN_AUTH_LENENC_CLIENT_DATA = 1 << 21;

    /** What a MariaDB 10.11 server offers, without TLS and without CLIENT_DEPRECATE_EOF (result sets end with EOF). */
    public static final int MARIADB_CAPABILITIES = LONG_PASSWORD | LONG_FLAG | PROTOCOL_41 | TRANSACTIONS
            | SECURE_CONNECTION | MULTI_RESULTS | PLUGIN_AUTH | CONNECT_ATTRS | PLUGIN_AUTH_LENENC_CLIENT_DATA;

    /** The version MariaDB announces (with the "5.5.5-" prefix old clients need). */
    public static final String MARIADB_VERSION = "5.5.5-10.11.6-MariaDB-log";

    private Greetings() {
    }

    /** MariaDB 10.11 with mysql_native_password; {@code tls} adds the SSL capability. */
    public static byte[] mariaDb(boolean tls) {
        return handshake(MARIADB_VERSION, MARIADB_CAPABILITIES | (tls ? SSL : 0), "mysql_native_password");
    }

    /** A handshake v10 with the given server version, capability flags and default authentication plugin. */
    public static byte[] handshake(String version, int capabilities, String plugin) {
        ByteArrayOutputStream w = new ByteArrayOutputStream();
        w.write(10);
        w.writeBytes(version.getBytes(StandardCharsets.UTF_8));
        w.write(0);
        w.writeBytes(new byte[] {42, 0, 0, 0}); // connection id
        w.write(SEED, 0, 8);
        w.write(0); // filler
        w.write(capabilities & 0xFF);
        w.write((capabilities >>> 8) & 0xFF);
        w.write(45); // utf8mb4_general_ci
        w.writeBytes(new byte[] {2, 0}); // SERVER_STATUS_AUTOCOMMIT
        w.write((capabilities >>> 16) & 0xFF);
        w.write((capabilities >>> 24) & 0xFF);
        w.write(SEED.length + 1); // length of the auth plugin data, with its NUL
        w.writeBytes(new byte[10]); // reserved (MariaDB's extended capabilities: none)
        w.write(SEED, 8, SEED.length - 8);
        w.write(0);
        w.writeBytes(plugin.getBytes(StandardCharsets.US_ASCII));
        w.write(0);
        return w.toByteArray();
    }
}
