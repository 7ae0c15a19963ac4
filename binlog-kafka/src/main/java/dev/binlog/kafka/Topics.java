package dev.binlog.kafka;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Topic names: row changes to {@code {prefix}.{schema}.{table}} (or one topic for all), schema changes to
 * {@code {prefix}}. Characters Kafka does not allow in a topic name become {@code _}, as in Debezium.
 */
final class Topics {

    private final String prefix;
    private final String single;
    private final Map<String, String> byTable = new ConcurrentHashMap<>();

    Topics(String prefix, String single) {
        this.prefix = legal(prefix);
        this.single = single == null ? null : legal(single);
    }

    String rows(String schema, String table) {
        if (single != null) {
            return single;
        }
        return byTable.computeIfAbsent(schema + "\u0000" + table, k -> prefix + "." + legal(schema) + "." + legal(table));
    }

    String schemaChanges() {
        return prefix;
    }

    static String legal(String name) {
        StringBuilder legal = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.'
                    || c == '_' || c == '-';
            legal.append(allowed ? c : '_');
        }
        return legal.toString();
    }
}
