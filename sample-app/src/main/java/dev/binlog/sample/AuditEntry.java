package dev.binlog.sample;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** One change seen in the binary log, as the audit trail and the live feed show it. */
public record AuditEntry(String type, String table, Map<String, Object> before, Map<String, Object> after,
        Set<String> changedColumns, String position, String gtid, Instant committedAt) {
}
