package dev.binlog.protocol;

import dev.binlog.ProtocolException;
import dev.binlog.ServerFlavor;
import dev.binlog.io.ByteCursor;
import dev.binlog.io.MalformedDataException;
import java.nio.charset.StandardCharsets;

/** The server's initial handshake packet (protocol version 10). */
record Handshake(String serverVersion, ServerFlavor flavor, long connectionId, byte[] seed, int capabilities,
        String authPlugin) {

    private static final String MARIADB_PREFIX = "5.5.5-";

    static Handshake parse(byte[] buffer, int length, String endpoint) {
        ByteCursor c = new ByteCursor(buffer, 0, length);
        try {
            int protocol = c.readUint8();
            if (protocol == 0xFF) {
                throw ErrorPacket.parse(buffer, length).toException("connecting to " + endpoint);
            }
            if (protocol != 10) {
                throw new ProtocolException("server at " + endpoint + " speaks handshake protocol " + protocol
                        + "; only version 10 (MySQL 4.1 and later, MariaDB) is supported");
            }
            String version = c.readNullTerminatedString(StandardCharsets.UTF_8);
            long connectionId = c.readUint32();
            byte[] seed1 = c.readBytes(8);
            c.skip(1);
            int capabilities = c.readUint16();
            byte[] seed2 = new byte[0];
            String plugin = "mysql_native_password";
            if (c.hasRemaining()) {
                c.skip(1); // character set
                c.skip(2); // status flags
                capabilities |= c.readUint16() << 16;
                int authDataLength = c.readUint8();
                c.skip(10);
                if ((capabilities & Capabilities.SECURE_CONNECTION) != 0) {
                    int part2 = Math.max(13, authDataLength - 8);
                    seed2 = c.readBytes(Math.min(part2, c.remaining()));
                }
                if ((capabilities & Capabilities.PLUGIN_AUTH) != 0 && c.hasRemaining()) {
                    plugin = c.readNullTerminatedString(StandardCharsets.UTF_8);
                }
            }
            byte[] seed = new byte[8 + seed2.length];
            System.arraycopy(seed1, 0, seed, 0, 8);
            System.arraycopy(seed2, 0, seed, 8, seed2.length);
            ServerFlavor flavor = version.toLowerCase().contains("mariadb") ? ServerFlavor.MARIADB : ServerFlavor.MYSQL;
            if (version.startsWith(MARIADB_PREFIX) && flavor == ServerFlavor.MARIADB) {
                version = version.substring(MARIADB_PREFIX.length());
            }
            return new Handshake(version, flavor, connectionId, AuthScrambles.trimSeed(seed), capabilities, plugin);
        } catch (MalformedDataException e) {
            throw new ProtocolException("malformed handshake from " + endpoint + ": " + e.getMessage(), e, false);
        }
    }
}
