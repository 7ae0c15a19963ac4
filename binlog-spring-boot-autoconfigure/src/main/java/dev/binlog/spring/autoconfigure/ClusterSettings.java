package dev.binlog.spring.autoconfigure;

import dev.binlog.ConfigurationException;
import dev.binlog.stream.SnapshotKind;
import dev.binlog.stream.SnapshotMode;
import java.net.InetAddress;
import java.time.Duration;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/** {@code binlog.cluster.*}: its defaults, and the refusals of a leader mode that cannot work. */
final class ClusterSettings {

    static final String LOCK_REGISTRY = "org.springframework.integration.jdbc.lock.JdbcLockRegistry";

    private ClusterSettings() {
    }

    static boolean leader(BinlogProperties properties) {
        return properties.getCluster().getMode() == BinlogProperties.ClusterMode.LEADER;
    }

    /**
     * How long before the lock's expiry the leader's lease ends: a fifth of the ttl, for the clock skew between the
     * instances (the lock's expiry is written and compared by each JVM's clock) and the time between the lease's check
     * and the event's delivery.
     */
    static Duration margin(Duration ttl) {
        return ttl.dividedBy(5);
    }

    /** Throws what makes {@code binlog.cluster.mode=leader} unusable, naming the property to change. */
    static void check(BinlogProperties properties, ClassLoader classLoader) {
        BinlogProperties.Cluster cluster = properties.getCluster();
        if (properties.getPositionStore().getType() != BinlogProperties.StoreType.JDBC) {
            throw new ConfigurationException("binlog.cluster.mode=leader needs the position shared by every instance"
                    + " and fenced by the leader's epoch, in a table of the application's DataSource, but "
                    + "binlog.position-store.type is " + properties.getPositionStore().getType().name()
                    .toLowerCase(java.util.Locale.ROOT) + ": set binlog.position-store.type=jdbc (or "
                    + "binlog.cluster.mode=all to have every instance stream on its own)");
        }
        BinlogProperties.Snapshot snapshot = properties.getSnapshot();
        if (snapshot.getMode() != SnapshotMode.NEVER && snapshot.getKind() == SnapshotKind.CONSISTENT) {
            // the core's consistent copy asks no lease and saves no position until it ends: a deposed leader would
            // go on copying beside the new one, which would start the copy again from the beginning
            throw new ConfigurationException("binlog.cluster.mode=leader and binlog.snapshot.mode="
                    + snapshot.getMode().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + " with "
                    + "binlog.snapshot.kind=consistent: a consistent copy is not fenced by the leader's lease and a new "
                    + "leader cannot continue it; set binlog.snapshot.kind=incremental (its progress is saved in the "
                    + "shared position row, so a new leader goes on from the last chunk)");
        }
        if (!ClassUtils.isPresent(LOCK_REGISTRY, classLoader)) {
            throw new ConfigurationException("binlog.cluster.mode=leader elects the leader with Spring Integration's "
                    + "JDBC lock registry, which is not on the classpath: add the dependency "
                    + "org.springframework.integration:spring-integration-jdbc (its version is managed by Spring Boot)");
        }
        checkTimes(properties);
    }

    /** The ttl and heartbeat, and the instance id. */
    static void checkTimes(BinlogProperties properties) {
        BinlogProperties.Cluster cluster = properties.getCluster();
        Duration ttl = cluster.getTtl();
        Duration heartbeat = cluster.getHeartbeat();
        if (ttl == null || ttl.toMillis() < 1000) {
            throw new ConfigurationException("binlog.cluster.ttl=" + ttl + " is under a second; the default is 10s");
        }
        if (heartbeat == null || heartbeat.toMillis() < 50) {
            throw new ConfigurationException("binlog.cluster.heartbeat=" + heartbeat + " is under 50ms; the default "
                    + "is 2s");
        }
        Duration lease = ttl.minus(margin(ttl));
        if (heartbeat.compareTo(lease) >= 0) {
            throw new ConfigurationException("binlog.cluster.heartbeat=" + heartbeat.toMillis() + "ms must be well "
                    + "under binlog.cluster.ttl=" + ttl.toMillis() + "ms: the leader delivers for " + lease.toMillis()
                    + "ms after each renewal of the lock, so it must renew more often than that (e.g. a fifth of the "
                    + "ttl)");
        }
        String instanceId = cluster.getInstanceId();
        if (instanceId != null && (instanceId.isBlank() || instanceId.length() > 255)) {
            throw new ConfigurationException("binlog.cluster.instance-id must be 1 to 255 characters");
        }
    }

    /** {@code binlog.cluster.lock-name}, else {@code binlog:} followed by the position table and row name. */
    static String lockName(BinlogProperties properties, Environment environment) {
        String configured = properties.getCluster().getLockName();
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        BinlogProperties.PositionStoreProperties store = properties.getPositionStore();
        return "binlog:" + store.getTable() + ":" + BinlogAutoConfiguration.positionName(store, environment);
    }

    /** {@code binlog.cluster.instance-id}, else host name and process id. */
    static String instanceId(BinlogProperties properties) {
        String configured = properties.getCluster().getInstanceId();
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                host = "localhost";
            }
        }
        String id = host + ":" + ProcessHandle.current().pid();
        return id.length() <= 255 ? id : id.substring(id.length() - 255);
    }
}
