package dev.binlog.spring.actuate;

import dev.binlog.spring.BinlogLeadership;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The election's part of health and the endpoint ({@code binlog.cluster.mode=leader}): this instance's role and since
 * when, and the claim of the position row: its holder, epoch and since when (the leader's own, or for a standby the
 * latest one the table holds).
 */
final class BinlogClusterDetails {

    private BinlogClusterDetails() {
    }

    static Map<String, Object> of(BinlogLeadership leadership) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("role", leadership.role().name().toLowerCase(Locale.ROOT));
        details.put("roleSince", leadership.roleSince().toString());
        details.put("instanceId", leadership.instanceId());
        details.put("lock", leadership.lockName());
        leadership.claim().ifPresent(claim -> {
            details.put("holder", claim.holder());
            details.put("epoch", claim.epoch());
            details.put("since", claim.since().toString());
        });
        details.put("elections", leadership.elections());
        return details;
    }
}
