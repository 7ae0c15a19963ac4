package dev.binlog.spring.autoconfigure;

import dev.binlog.ChangeListener;
import dev.binlog.ChangeType;
import dev.binlog.ConfigurationException;
import dev.binlog.PositionStore;
import dev.binlog.ReconnectPolicy;
import dev.binlog.StartPosition;
import dev.binlog.TableFilter;
import dev.binlog.spring.BinlogArgumentResolver;
import dev.binlog.spring.BinlogErrorHandler;
import dev.binlog.spring.BinlogListenerConfigurer;
import dev.binlog.spring.BinlogStateChangedEvent;
import dev.binlog.spring.listener.BinlogListenerAnnotationBeanPostProcessor;
import dev.binlog.spring.listener.ErrorPolicy;
import dev.binlog.spring.listener.JdbcDeadLetters;
import dev.binlog.spring.listener.ListenerDispatcher;
import dev.binlog.spring.listener.ListenerRegistry;
import dev.binlog.spring.mapping.BinlogConversions;
import dev.binlog.spring.mapping.RowMappers;
import dev.binlog.stream.BinlogClient;
import dev.binlog.stream.ClientSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanNotOfRequiredTypeException;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.unit.DataSize;

/**
 * Streams the binary log of the configured server (or of the application's MySQL/MariaDB data source) to
 * {@code @BinlogListener} methods. Every bean here can be replaced by one of the application's own.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnProperty(prefix = "binlog", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(BinlogProperties.class)
public final class BinlogAutoConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(BinlogAutoConfiguration.class);

    /** Spring's own default for {@code spring.lifecycle.timeout-per-shutdown-phase}. */
    private static final Duration DEFAULT_SHUTDOWN_PHASE = Duration.ofSeconds(30);

    /**
     * The server to stream from, when the application has no {@link BinlogConnectionDetails} of its own:
     * {@code binlog.*}, or else the application's MySQL/MariaDB data source. Nested, so that it is registered before
     * the beans below that are conditional on it, and loaded only with {@code spring-boot-jdbc} present.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = OnBinlogServerCondition.JDBC_CONNECTION_DETAILS)
    static final class DataSourceConnectionDetailsConfiguration {

        @Bean
        @ConditionalOnMissingBean(BinlogConnectionDetails.class)
        @Conditional(OnBinlogServerCondition.class)
        BinlogConnectionDetails binlogConnectionDetails(BinlogProperties properties,
                ObjectProvider<JdbcConnectionDetails> dataSource) {
            if (properties.getHost() != null && !properties.getHost().isBlank()) {
                return new PropertiesBinlogConnectionDetails(properties,
                        () -> credential(dataSource, JdbcConnectionDetails::getUsername),
                        () -> credential(dataSource, JdbcConnectionDetails::getPassword));
            }
            JdbcConnectionDetails jdbc = dataSource.getIfUnique();
            if (jdbc == null) {
                throw new ConfigurationException("binlog.host is not set and the application has more than one "
                        + "JdbcConnectionDetails bean and none is @Primary, so the data source to follow is not "
                        + "known; set binlog.host");
            }
            JdbcBinlogConnectionDetails details = JdbcBinlogConnectionDetails.of(properties, jdbc);
            LOG.info("binlog.host is not set: the stream follows the data source, the binary log of {}:{}",
                    details.getHost(), details.getPort());
            return details;
        }

        private static String credential(ObjectProvider<JdbcConnectionDetails> dataSource,
                Function<JdbcConnectionDetails, String> credential) {
            JdbcConnectionDetails jdbc = dataSource.getIfUnique();
            return jdbc == null ? null : credential.apply(jdbc);
        }
    }

    /** {@code binlog.*} only, without {@code spring-boot-jdbc}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass(OnBinlogServerCondition.JDBC_CONNECTION_DETAILS)
    static final class PropertiesConnectionDetailsConfiguration {

        @Bean
        @ConditionalOnMissingBean(BinlogConnectionDetails.class)
        @Conditional(OnBinlogServerCondition.class)
        PropertiesBinlogConnectionDetails binlogConnectionDetails(BinlogProperties properties) {
            return new PropertiesBinlogConnectionDetails(properties);
        }
    }

    @Bean
    @ConditionalOnMissingBean
    static RowMappers binlogRowMappers(ObjectProvider<Converter<?, ?>> converters, BeanFactory beans) {
        DefaultConversionService conversions = BinlogConversions.service();
        converters.orderedStream().forEach(conversions::addConverter);
        return new RowMappers(conversions, JsonSupport.reader(beans));
    }

    /**
     * The listeners: {@code @BinlogListener} methods and {@link BinlogListenerConfigurer} endpoints, registered once
     * all singletons exist; {@link BinlogArgumentResolver} beans serve parameters of the application's own kinds, and
     * an {@code errorHandler} is looked up as a {@link BinlogErrorHandler} bean then, so a wrong name fails the start.
     */
    @Bean
    @ConditionalOnMissingBean
    static ListenerRegistry binlogListenerRegistry(RowMappers binlogRowMappers,
            ObjectProvider<BinlogArgumentResolver> resolvers, ListableBeanFactory beans) {
        return new ListenerRegistry(binlogRowMappers, resolvers.orderedStream().toList(),
                name -> errorHandler(beans, name));
    }

    /** The error handler bean of that name, or an exception saying why there is none. */
    private static BinlogErrorHandler errorHandler(ListableBeanFactory beans, String name) {
        if (!beans.containsBean(name)) {
            String[] handlers = beans.getBeanNamesForType(BinlogErrorHandler.class);
            throw new IllegalArgumentException("there is no bean named '" + name + "'" + (handlers.length == 0
                    ? " and no BinlogErrorHandler bean at all"
                    : "; the BinlogErrorHandler beans are " + String.join(", ", handlers)));
        }
        try {
            return beans.getBean(name, BinlogErrorHandler.class);
        } catch (BeanNotOfRequiredTypeException e) {
            throw new IllegalArgumentException("bean '" + name + "' is a " + e.getActualType().getName()
                    + ", not a BinlogErrorHandler");
        }
    }

    @Bean
    static BinlogListenerAnnotationBeanPostProcessor binlogListenerAnnotationBeanPostProcessor(
            ObjectProvider<ListenerRegistry> registry, Environment environment) {
        return new BinlogListenerAnnotationBeanPostProcessor(registry::getObject, environment);
    }

    @Bean
    @ConditionalOnMissingBean
    ListenerDispatcher binlogListenerDispatcher(ListenerRegistry registry, BinlogProperties properties,
            ObjectProvider<DataSource> dataSource) {
        BinlogProperties.ErrorHandling errors = properties.getErrorHandling();
        ErrorPolicy policy = new ErrorPolicy(errors.getRetries(), errors.getBackoff(),
                errors.getMode() == BinlogProperties.ErrorMode.SKIP);
        ListenerDispatcher dispatcher = registry.dispatcher(policy, properties.getListener().getMaxTransactionRows());
        if (errors.getMode() == BinlogProperties.ErrorMode.DEAD_LETTER) {
            dispatcher.deadLetters(new JdbcDeadLetters(deadLetterDataSource(dataSource), errors.getDeadLetterTable()));
        }
        return dispatcher;
    }

    private static DataSource deadLetterDataSource(ObjectProvider<DataSource> dataSource) {
        DataSource available = dataSource.getIfUnique();
        if (available == null) {
            throw new ConfigurationException("binlog.error-handling.mode=dead-letter writes failed changes to a table "
                    + "of the application's DataSource, but there is " + (dataSource.stream().findAny().isPresent()
                            ? "more than one DataSource and none is @Primary"
                            : "no DataSource: add spring-boot-starter-jdbc and a JDBC driver and set "
                                    + "spring.datasource.url, or use binlog.error-handling.mode=skip or stop"));
        }
        return available;
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(BinlogConnectionDetails.class)
    PositionStore binlogPositionStore(BinlogProperties properties, ObjectProvider<DataSource> dataSource,
            Environment environment, ResourceLoader resources) {
        BinlogProperties.PositionStoreProperties store = properties.getPositionStore();
        if (ClusterSettings.leader(properties)) {
            ClusterSettings.check(properties, resources.getClassLoader());
            return fencedPositionStore(jdbcDataSource(dataSource), store.getTable(), positionName(store, environment));
        }
        return switch (store.getType()) {
            case MEMORY -> PositionStore.inMemory();
            case FILE -> PositionStore.file(store.getPath());
            case JDBC -> jdbcPositionStore(jdbcDataSource(dataSource), store.getTable(),
                    positionName(store, environment));
        };
    }

    /** The core's JDBC store; a table or row name it refuses is reported with the properties that set them. */
    private static PositionStore jdbcPositionStore(DataSource dataSource, String table, String name) {
        try {
            return PositionStore.jdbc(dataSource, table, name);
        } catch (ConfigurationException e) {
            throw new ConfigurationException("binlog.position-store.type=jdbc: " + e.getMessage() + " (the table is "
                    + "binlog.position-store.table, the row name binlog.position-store.name, else "
                    + "spring.application.name)", e);
        }
    }

    /** The JDBC store with the leadership epoch, for {@code binlog.cluster.mode=leader}. */
    private static PositionStore fencedPositionStore(DataSource dataSource, String table, String name) {
        try {
            return PositionStore.fencedJdbc(dataSource, table, name);
        } catch (ConfigurationException e) {
            throw new ConfigurationException("binlog.cluster.mode=leader: " + e.getMessage() + " (the table is "
                    + "binlog.position-store.table, the row name binlog.position-store.name, else "
                    + "spring.application.name)", e);
        }
    }

    /** {@code binlog.position-store.name}, else {@code spring.application.name}, else {@code default}. */
    static String positionName(BinlogProperties.PositionStoreProperties store, Environment environment) {
        if (store.getName() != null && !store.getName().isBlank()) {
            return store.getName();
        }
        String application = environment.getProperty("spring.application.name");
        return application != null && !application.isBlank() ? application : "default";
    }

    /** {@code binlog.host} first, then {@code binlog.hosts} in order. */
    private static String[] hosts(BinlogConnectionDetails details, List<String> others) {
        List<String> all = new java.util.ArrayList<>();
        String host = details.getHost();
        all.add((host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + details.getPort());
        all.addAll(others);
        return all.toArray(String[]::new);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(BinlogConnectionDetails.class)
    BinlogClient binlogClient(BinlogProperties properties, BinlogConnectionDetails details,
            PositionStore positionStore, ListenerDispatcher dispatcher,
            ObjectProvider<BinlogClientCustomizer> customizers, ApplicationEventPublisher events,
            ObjectProvider<SslBundles> sslBundles, ObjectProvider<BinlogSink> sinks) {
        BinlogProperties.Connection connection = properties.getConnection();
        List<BinlogSink> destinations = sinks.orderedStream().toList();
        ChangeListener listener = dispatcher;
        PositionStore store = positionStore;
        if (!destinations.isEmpty()) {
            List<ChangeListener> chain = new ArrayList<>();
            chain.add(dispatcher);
            for (BinlogSink sink : destinations) {
                chain.add(sink.listener());
                store = sink.positionStore(store);
                LOG.info("The binlog stream delivers every change to the @BinlogListener methods, then to {}",
                        sink.description());
            }
            listener = new ChainedListener(chain);
        }
        BinlogClient.Builder builder = BinlogClient.builder()
                .host(details.getHost())
                .port(details.getPort())
                .hosts(hosts(details, properties.getHosts()))
                .user(details.getUsername())
                .password(details.getPassword())
                .tlsMode(properties.getSsl().effectiveMode())
                .tlsCaFile(properties.getSsl().getCaFile())
                .startPosition(StartPosition.parse(properties.getStartPosition()))
                .filter(filter(properties.getFilter()))
                .positionStore(store)
                .schemaSource(properties.getSchemaSource())
                .connectTimeout(connection.getConnectTimeout())
                .maxEventSize(maxEventSize(connection))
                .heartbeatInterval(connection.getHeartbeat())
                .reconnect(reconnectPolicy(connection, !properties.getHosts().isEmpty()))
                .snapshot(properties.getSnapshot().settings())
                .listener(listener)
                .stateListener((previous, current, cause) -> events.publishEvent(
                        new BinlogStateChangedEvent(BinlogAutoConfiguration.class, previous, current, cause)));
        if (properties.getServerId() != null) {
            builder.serverId(properties.getServerId());
        }
        String bundle = properties.getSsl().getBundle();
        if (bundle != null) {
            SslBundles bundles = sslBundles.getIfAvailable();
            if (bundles == null) {
                throw new ConfigurationException("binlog.ssl.bundle=" + bundle + " but the application has no SSL "
                        + "bundles; define it under spring.ssl.bundle.pem." + bundle + " or spring.ssl.bundle.jks."
                        + bundle);
            }
            builder.tlsContext(bundles.getBundle(bundle).createSslContext());
        }
        customizers.orderedStream().forEach(c -> c.customize(builder));
        return builder.build();
    }

    /** {@code binlog.connection.max-event-size} in bytes, checked here so that its error names the property. */
    private static long maxEventSize(BinlogProperties.Connection connection) {
        DataSize size = connection.getMaxEventSize();
        if (size == null || size.toBytes() < 1024 || size.toBytes() > (2047L << 20)) {
            throw new ConfigurationException("binlog.connection.max-event-size=" + size + " is outside 1KB to 2047MB;"
                    + " leave it unset for 1GB");
        }
        return size.toBytes();
    }

    /** {@code keepalive=false}: never; no {@code max-attempts}: for ever; else at most that many attempts. */
    /** With further hosts, a server gets 3 attempts unless told otherwise: a policy that never gives up never moves on. */
    private static ReconnectPolicy reconnectPolicy(BinlogProperties.Connection connection, boolean furtherHosts) {
        Integer maxAttempts = connection.getMaxAttempts() == null && furtherHosts ? Integer.valueOf(3)
                : connection.getMaxAttempts();
        if (maxAttempts != null && maxAttempts < 0) {
            throw new ConfigurationException("binlog.connection.max-attempts=" + maxAttempts + " is not a number of "
                    + "attempts: leave it unset to reconnect for ever, or set binlog.connection.keepalive=false to "
                    + "never reconnect");
        }
        ReconnectPolicy policy = !connection.isKeepalive() ? ReconnectPolicy.never()
                : maxAttempts == null ? ReconnectPolicy.forever() : ReconnectPolicy.attempts(maxAttempts);
        return policy.withBackoff(connection.getInitialBackoff(), connection.getMaxBackoff());
    }

    /** The application's DataSource, or a sentence saying what a JDBC position store needs. */
    static DataSource jdbcDataSource(ObjectProvider<DataSource> dataSource) {
        DataSource available = dataSource.getIfUnique();
        if (available == null) {
            throw new ConfigurationException("binlog.position-store.type=jdbc keeps positions in a table of the "
                    + "application's DataSource, but there is " + (dataSource.stream().findAny().isPresent()
                            ? "more than one DataSource and none is @Primary"
                            : "no DataSource: add spring-boot-starter-jdbc and a JDBC driver (e.g. "
                                    + "org.mariadb.jdbc:mariadb-java-client) and set spring.datasource.url, or use "
                                    + "binlog.position-store.type=file"));
        }
        return available;
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(BinlogConnectionDetails.class)
    BinlogStreamLifecycle binlogStreamLifecycle(BinlogClient client, BinlogProperties properties,
            Environment environment, ObjectProvider<ListenerDispatcher> dispatcher, ObjectProvider<BinlogSink> sinks) {
        ListenerDispatcher listeners = dispatcher.getIfAvailable();
        Runnable check = startCheck(client.settings(), listeners, properties, sinks);
        BinlogProperties.Connection connection = properties.getConnection();
        // in leader mode the election starts and stops the client (BinlogClusterAutoConfiguration)
        boolean autoStartup = properties.isAutoStartup() && !ClusterSettings.leader(properties);
        return new BinlogStreamLifecycle(client, autoStartup, properties.isFailFast(),
                connection.getConnectTimeout().multipliedBy(2), drainTimeout(environment), listeners, check);
    }

    /** Before the first start: the listeners against the server's tables, then each sink's own check. */
    static Runnable startCheck(ClientSettings settings, ListenerDispatcher listeners, BinlogProperties properties,
            ObjectProvider<BinlogSink> sinks) {
        Runnable listenerCheck = listeners == null ? () -> { }
                : new ListenerTableCheck(settings, listeners, properties.getListener().getValidate());
        List<BinlogSink> destinations = sinks.orderedStream().toList();
        return () -> {
            listenerCheck.run();
            destinations.forEach(sink -> sink.check(settings));
        };
    }

    /**
     * {@code binlog.kafka.enabled=true} without the Kafka sink's dependencies fails the start: otherwise the application
     * would stream to its listeners and publish nothing, without a word.
     */
    @Bean
    @Conditional(KafkaSinkUnavailableCondition.class)
    static Object binlogKafkaUnavailable(ResourceLoader resources) {
        throw new ConfigurationException("binlog.kafka.enabled=true, but the Kafka sink needs "
                + String.join(" and ", KafkaSinkUnavailableCondition.missing(resources.getClassLoader()))
                + " on the class path: add the dependency, or remove binlog.kafka.enabled");
    }

    /**
     * With the starter on the classpath but no server to stream from, says so once at startup (else it would be off
     * without a word: no health indicator, no endpoint).
     */
    @Bean
    static BinlogOffNotice binlogOffNotice(Environment environment) {
        return new BinlogOffNotice(environment);
    }

    /**
     * How long a stop waits for the transaction in flight: most of {@code spring.lifecycle.timeout-per-shutdown-phase},
     * leaving a margin for disconnecting and joining the stream thread.
     */
    static Duration drainTimeout(Environment environment) {
        Duration shutdownPhase = Binder.get(environment)
                .bind("spring.lifecycle.timeout-per-shutdown-phase", Duration.class).orElse(DEFAULT_SHUTDOWN_PHASE);
        return shutdownPhase.minus(shutdownPhase.dividedBy(10));
    }

    private static TableFilter filter(BinlogProperties.Filter filter) {
        TableFilter.Builder builder = TableFilter.builder();
        if (!filter.getInclude().isEmpty()) {
            builder.include(filter.getInclude().toArray(String[]::new));
        }
        if (!filter.getExclude().isEmpty()) {
            builder.exclude(filter.getExclude().toArray(String[]::new));
        }
        if (!filter.getTypes().isEmpty()) {
            builder.types(filter.getTypes().toArray(ChangeType[]::new));
        }
        return builder.build();
    }
}
