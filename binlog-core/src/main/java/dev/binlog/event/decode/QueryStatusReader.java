package dev.binlog.event.decode;

import dev.binlog.event.QueryStatus;
import dev.binlog.io.ByteCursor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the status variables block of a QUERY event (code byte, then a value whose layout the code fixes). */
final class QueryStatusReader {

    private QueryStatusReader() {
    }

    /** Reads status variables from the cursor up to {@code end}; stops at the first code it does not know. */
    static QueryStatus read(ByteCursor in, int end) {
        Long flags2 = null;
        Long sqlMode = null;
        String catalog = null;
        Integer autoIncIncrement = null;
        Integer autoIncOffset = null;
        Integer charsetClient = null;
        Integer collationConnection = null;
        Integer collationServer = null;
        String timeZone = null;
        Integer lcTimeNames = null;
        Integer collationDatabase = null;
        Long tableMapForUpdate = null;
        String invokerUser = null;
        String invokerHost = null;
        List<String> updatedDbs = null;
        Integer micros = null;
        Boolean explicitDefaults = null;
        Long ddlXid = null;
        Integer utf8mb4Collation = null;
        Boolean requirePk = null;
        Boolean tableEncryption = null;
        Long mariaXid = null;
        Integer hrnow = null;
        Integer unparsed = null;
        while (in.position() < end && unparsed == null) {
            int code = in.readUint8();
            switch (code) {
                case 0 -> flags2 = in.readUint32();
                case 1 -> sqlMode = in.readInt64();
                case 2 -> {
                    catalog = Bytes.utf8(in, in.readUint8());
                    in.skip(1);
                }
                case 3 -> {
                    autoIncIncrement = in.readUint16();
                    autoIncOffset = in.readUint16();
                }
                case 4 -> {
                    charsetClient = in.readUint16();
                    collationConnection = in.readUint16();
                    collationServer = in.readUint16();
                }
                case 5 -> timeZone = Bytes.utf8(in, in.readUint8());
                case 6 -> catalog = Bytes.utf8(in, in.readUint8());
                case 7 -> lcTimeNames = in.readUint16();
                case 8 -> collationDatabase = in.readUint16();
                case 9 -> tableMapForUpdate = in.readInt64();
                case 10 -> in.skip(4);
                case 11 -> {
                    invokerUser = Bytes.utf8(in, in.readUint8());
                    invokerHost = Bytes.utf8(in, in.readUint8());
                }
                case 12 -> updatedDbs = readDbNames(in, end);
                case 13 -> micros = in.readUint24();
                case 14 -> in.skip(8);
                case 15 -> in.skip(8);
                case 16 -> explicitDefaults = in.readUint8() != 0;
                case 17 -> ddlXid = in.readInt64();
                case 18 -> utf8mb4Collation = in.readUint16();
                case 19 -> requirePk = in.readUint8() != 0;
                case 20 -> tableEncryption = in.readUint8() != 0;
                case 128 -> hrnow = in.readUint24();
                case 129 -> mariaXid = in.readInt64();
                case 130 -> in.skip(1);
                // MariaDB 11.2+ character_set_collations: a count, then (character set id, collation id) pairs of
                // 2 bytes each; a session default for later DDL, not needed to read this statement.
                case 131 -> in.skip(in.readUint8() * 4);
                default -> unparsed = code;
            }
        }
        return new QueryStatus(flags2, sqlMode, catalog, autoIncIncrement, autoIncOffset, charsetClient,
                collationConnection, collationServer, timeZone, lcTimeNames, collationDatabase, tableMapForUpdate,
                invokerUser, invokerHost, updatedDbs, micros, explicitDefaults, ddlXid, utf8mb4Collation, requirePk,
                tableEncryption, mariaXid, hrnow, unparsed);
    }

    private static List<String> readDbNames(ByteCursor in, int end) {
        int count = in.readUint8();
        // 254 = more databases than the event can list: none are listed.
        if (count == 254) {
            return null;
        }
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count && in.position() < end; i++) {
            names.add(in.readNullTerminatedString(StandardCharsets.UTF_8));
        }
        return List.copyOf(names);
    }
}
