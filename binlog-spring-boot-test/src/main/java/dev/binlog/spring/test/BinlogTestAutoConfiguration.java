package dev.binlog.spring.test;

import dev.binlog.PositionStore;
import dev.binlog.spring.autoconfigure.BinlogAutoConfiguration;
import dev.binlog.spring.listener.ListenerDispatcher;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@link TestBinlog} of {@link AutoConfigureBinlogTest}: over the application's {@link ListenerDispatcher},
 * saving positions to its {@link PositionStore} when it has one (it has one when a server is configured), else to
 * one in memory. For an {@code ApplicationContextRunner}, list it after {@link BinlogAutoConfiguration} and set
 * {@code binlog.auto-startup=false}.
 */
@AutoConfiguration(after = BinlogAutoConfiguration.class)
@ConditionalOnBean(ListenerDispatcher.class)
public final class BinlogTestAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TestBinlog testBinlog(ListenerDispatcher dispatcher, ObjectProvider<PositionStore> positionStore) {
        PositionStore store = positionStore.getIfUnique();
        return store == null ? TestBinlog.of(dispatcher) : TestBinlog.of(dispatcher, store);
    }
}
