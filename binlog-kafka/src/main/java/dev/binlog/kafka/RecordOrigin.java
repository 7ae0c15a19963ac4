package dev.binlog.kafka;

import java.nio.charset.StandardCharsets;

/**
 * What a record came from, for error messages: the table, the record's key and the binlog place of the change.
 *
 * @param table    {@code schema.table}, or the database of a schema change
 * @param key      the record's key bytes (JSON)
 * @param file     binlog file of the change
 * @param position offset of its event in that file
 */
record RecordOrigin(String table, byte[] key, String file, long position) {

    String describe() {
        String keyText = key == null ? "(none)" : new String(key, StandardCharsets.UTF_8);
        if (keyText.length() > 200) {
            keyText = keyText.substring(0, 200) + "...";
        }
        return table + " key " + keyText + " at " + file + ":" + position;
    }
}
