package dev.binlog.client;

import dev.binlog.ConfigurationException;
import dev.binlog.ReconnectPolicy;
import dev.binlog.StartPosition;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;

/**
 * What to stream and how to stay connected. Immutable; build with {@link #builder()}.
 *
 * <p>Defaults, all in one place:
 * <ul>
 * <li>{@code serverId}: random in [{@value #DEFAULT_SERVER_ID_MIN}, {@value #DEFAULT_SERVER_ID_MAX}], a range
 * administrators rarely give real replicas, so it does not silently collide; if it does, the server's
 * "same server_id" error is reported as such. Set one explicitly when several clients stream from one server.</li>
 * <li>{@code startPosition}: {@link StartPosition#latest()}</li>
 * <li>{@code heartbeatPeriod}: 5 s; with no event or heartbeat for twice that, the connection is declared dead and
 * replaced. {@link Duration#ZERO} disables heartbeats (then the session's 60 s net timeouts bound a silent read).</li>
 * <li>{@code reconnect}: {@link ReconnectPolicy#forever()}</li>
 * <li>{@code nonBlocking}: false; true ends the stream at the current end of the binary log</li>
 * <li>{@code registerReplica}: false; true sends COM_REGISTER_SLAVE so the client shows in SHOW SLAVE HOSTS</li>
 * <li>{@code maxEventSize}: {@value #DEFAULT_MAX_EVENT_SIZE} bytes (1 GiB, MySQL's largest
 * {@code replica_max_allowed_packet}); a larger event stops the stream with a {@link dev.binlog.ProtocolException}
 * before it is buffered</li>
 * </ul>
 */
public record ReplicationSettings(long serverId, StartPosition startPosition, Duration heartbeatPeriod,
        ReconnectPolicy reconnect, boolean nonBlocking, boolean registerReplica, long maxEventSize) {

    public static final long DEFAULT_SERVER_ID_MIN = 1_000_000_000L;
    public static final long DEFAULT_SERVER_ID_MAX = 4_294_967_295L;
    public static final long DEFAULT_MAX_EVENT_SIZE = 1L << 30;
    /** Smallest and largest maximum event size: an event header is 19 bytes, a Java array under 2 GiB. */
    public static final long MIN_MAX_EVENT_SIZE = 1024;
    public static final long MAX_MAX_EVENT_SIZE = 2047L << 20;

    public ReplicationSettings {
        Objects.requireNonNull(startPosition, "startPosition");
        Objects.requireNonNull(heartbeatPeriod, "heartbeatPeriod");
        Objects.requireNonNull(reconnect, "reconnect");
        if (serverId < 1 || serverId > DEFAULT_SERVER_ID_MAX) {
            throw new ConfigurationException("server id " + serverId + " must be between 1 and 4294967295");
        }
        checkMaxEventSize(maxEventSize);
    }

    /** Refuses a maximum event size outside 1 KiB .. 2047 MiB, with a message naming the setting. */
    public static void checkMaxEventSize(long maxEventSize) {
        if (maxEventSize < MIN_MAX_EVENT_SIZE || maxEventSize > MAX_MAX_EVENT_SIZE) {
            throw new ConfigurationException("maxEventSize " + maxEventSize + " bytes is outside 1 KiB (1024) to"
                    + " 2047 MiB (" + MAX_MAX_EVENT_SIZE + "); the default is 1 GiB");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().serverId(serverId).startPosition(startPosition).heartbeatPeriod(heartbeatPeriod)
                .reconnect(reconnect).nonBlocking(nonBlocking).registerReplica(registerReplica)
                .maxEventSize(maxEventSize);
    }

    /** Builder of {@link ReplicationSettings}; see the record for defaults. */
    public static final class Builder {
        private long serverId = DEFAULT_SERVER_ID_MIN
                + new SecureRandom().nextLong(DEFAULT_SERVER_ID_MAX - DEFAULT_SERVER_ID_MIN + 1);
        private StartPosition startPosition = StartPosition.latest();
        private Duration heartbeatPeriod = Duration.ofSeconds(5);
        private ReconnectPolicy reconnect = ReconnectPolicy.forever();
        private boolean nonBlocking;
        private boolean registerReplica;
        private long maxEventSize = DEFAULT_MAX_EVENT_SIZE;

        private Builder() {
        }

        public Builder serverId(long serverId) {
            this.serverId = serverId;
            return this;
        }

        public Builder startPosition(StartPosition startPosition) {
            this.startPosition = startPosition;
            return this;
        }

        public Builder heartbeatPeriod(Duration heartbeatPeriod) {
            this.heartbeatPeriod = heartbeatPeriod;
            return this;
        }

        public Builder reconnect(ReconnectPolicy reconnect) {
            this.reconnect = reconnect;
            return this;
        }

        public Builder nonBlocking(boolean nonBlocking) {
            this.nonBlocking = nonBlocking;
            return this;
        }

        public Builder registerReplica(boolean registerReplica) {
            this.registerReplica = registerReplica;
            return this;
        }

        /** The largest event accepted, in bytes; see the record for the default and the range. */
        public Builder maxEventSize(long maxEventSize) {
            this.maxEventSize = maxEventSize;
            return this;
        }

        public ReplicationSettings build() {
            return new ReplicationSettings(serverId, startPosition, heartbeatPeriod, reconnect, nonBlocking,
                    registerReplica, maxEventSize);
        }
    }
}
