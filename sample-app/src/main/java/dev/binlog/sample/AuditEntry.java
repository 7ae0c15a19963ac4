package dev.binlog.sample;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * One change seen in the binary log, as the audit trail and the live feed show it.
 *
 * @param cache what the change did to the cached product
 */
public record AuditEntry(String type, String table, Map<String, Object> before, Map<String, Object> after,
        Set<String> changedColumns, String position, String gtid, Instant committedAt, CacheEffect cache) {

    /** What a change did to the cache. */
    public enum CacheEffect {
        /** The product was cached, and its entry was evicted. */
        EVICTED,
        /** The product was changed or deleted, but it was not cached: nothing to evict. */
        NOT_CACHED,
        /** An INSERT: a product that did not exist cannot be cached. */
        NONE
    }
}
