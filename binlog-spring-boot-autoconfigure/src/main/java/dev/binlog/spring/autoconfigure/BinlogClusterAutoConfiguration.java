package dev.binlog.spring.autoconfigure;

import dev.binlog.ConfigurationException;
import dev.binlog.FencedPositionStore;
import dev.binlog.Lease;
import dev.binlog.PositionStore;
import dev.binlog.spring.BinlogLeadership;
import dev.binlog.spring.cluster.LeaderElection;
import dev.binlog.spring.cluster.LeaseKeepingLockRepository;
import dev.binlog.spring.listener.ListenerDispatcher;
import dev.binlog.stream.BinlogClient;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * {@code binlog.cluster.mode=leader}: the instances elect one leader, which streams, with Spring Integration's
 * {@code LockRegistryLeaderInitiator} over a JDBC lock in the application's DataSource ({@link LeaderElection}); the
 * client is given the lock's lease and started on a grant instead of with the application. Without
 * spring-integration-jdbc, or without the JDBC position store, the position store's bean refuses the mode
 * ({@link ClusterSettings#check}).
 */
@AutoConfiguration(after = BinlogAutoConfiguration.class)
@ConditionalOnProperty(prefix = "binlog.cluster", name = "mode", havingValue = "leader")
@ConditionalOnClass(name = {ClusterSettings.LOCK_REGISTRY,
        "org.springframework.integration.support.leader.LockRegistryLeaderInitiator"})
@ConditionalOnBean(BinlogClient.class)
public final class BinlogClusterAutoConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(BinlogClusterAutoConfiguration.class);

    /** The lock's repository, which remembers the last renewal for the client's lease. */
    @Bean
    @ConditionalOnMissingBean
    LeaseKeepingLockRepository binlogLeaderLock(BinlogProperties properties, ObjectProvider<DataSource> dataSource) {
        ClusterSettings.checkTimes(properties);
        BinlogProperties.Cluster cluster = properties.getCluster();
        return LeaseKeepingLockRepository.jdbc(BinlogAutoConfiguration.jdbcDataSource(dataSource), cluster.getTtl(),
                ClusterSettings.margin(cluster.getTtl()));
    }

    /** The client delivers only while the leader's lock cannot have expired for the others. */
    @Bean
    BinlogClientCustomizer binlogLeaderLease(LeaseKeepingLockRepository binlogLeaderLock) {
        return builder -> builder.lease(binlogLeaderLock.lease());
    }

    @Bean
    @ConditionalOnMissingBean(BinlogLeadership.class)
    LeaderElection binlogLeaderElection(BinlogClient client, PositionStore positionStore,
            ObjectProvider<DataSource> dataSource, LeaseKeepingLockRepository binlogLeaderLock,
            BinlogProperties properties, Environment environment, ApplicationEventPublisher events,
            ObjectProvider<ListenerDispatcher> dispatcher, ObjectProvider<BinlogSink> sinks) {
        if (!(positionStore instanceof FencedPositionStore fenced)) {
            throw new ConfigurationException("binlog.cluster.mode=leader needs a FencedPositionStore (the JDBC row "
                    + "with a leadership epoch, PositionStore.fencedJdbc), but the application's PositionStore bean "
                    + "is " + positionStore + "; remove that bean and set binlog.position-store.type=jdbc");
        }
        if (client.settings().lease() == Lease.ALWAYS) {
            LOG.warn("binlog.cluster.mode=leader but the application's own BinlogClient bean has no lease: a leader "
                    + "frozen for longer than binlog.cluster.ttl could deliver once more when it wakes; build it with "
                    + "BinlogClient.Builder.lease(LeaseKeepingLockRepository.lease()), or apply the "
                    + "BinlogClientCustomizer beans");
        }
        BinlogProperties.Cluster cluster = properties.getCluster();
        ListenerDispatcher listeners = dispatcher.getIfAvailable();
        Runnable check = BinlogAutoConfiguration.startCheck(client.settings(), listeners, properties, sinks);
        LeaderElection.Settings settings = new LeaderElection.Settings(ClusterSettings.instanceId(properties),
                ClusterSettings.lockName(properties, environment), cluster.getTtl(), cluster.getHeartbeat(),
                ClusterSettings.margin(cluster.getTtl()), BinlogAutoConfiguration.drainTimeout(environment),
                properties.isAutoStartup(), environment.containsProperty(LeaderElection.INITIALIZE_SCHEMA));
        return new LeaderElection(client, fenced, BinlogAutoConfiguration.jdbcDataSource(dataSource),
                binlogLeaderLock, settings, events, check);
    }
}
