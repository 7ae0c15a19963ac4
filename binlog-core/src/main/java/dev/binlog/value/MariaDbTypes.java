package dev.binlog.value;

import dev.binlog.Column;
import dev.binlog.DecodeException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * MariaDB's UUID, INET4 and INET6 columns, which the binlog writes as fixed-length binary strings; the schema source
 * names the type ({@link Column#dataTypeName()}), and the text form is what {@code SELECT} shows.
 */
final class MariaDbTypes {

    private MariaDbTypes() {
    }

    static boolean handles(String dataTypeName) {
        String type = dataTypeName.toLowerCase(Locale.ROOT);
        return type.equals("uuid") || type.equals("inet4") || type.equals("inet6");
    }

    static String decode(byte[] bytes, Column column) {
        String type = column.dataTypeName().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "uuid" -> uuid(bytes, column);
            case "inet4" -> inet(bytes, 4, column);
            default -> inet(bytes, 16, column);
        };
    }

    private static String uuid(byte[] b, Column column) {
        if (b.length != 16) {
            throw new DecodeException("column " + column.displayName() + ": UUID of " + b.length + " bytes", true);
        }
        StringBuilder s = new StringBuilder(36);
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                s.append('-');
            }
            s.append(Character.forDigit((b[i] >> 4) & 0xF, 16)).append(Character.forDigit(b[i] & 0xF, 16));
        }
        return s.toString();
    }

    private static String inet(byte[] bytes, int size, Column column) {
        if (bytes.length != size) {
            throw new DecodeException("column " + column.displayName() + ": " + column.dataTypeName() + " of "
                    + bytes.length + " bytes", true);
        }
        try {
            InetAddress address = InetAddress.getByAddress(bytes);
            if (size == 4) {
                return address.getHostAddress();
            }
            return Ipv6Text.format(bytes);
        } catch (UnknownHostException e) {
            throw new DecodeException("column " + column.displayName() + ": " + e.getMessage(), true, e);
        }
    }
}
