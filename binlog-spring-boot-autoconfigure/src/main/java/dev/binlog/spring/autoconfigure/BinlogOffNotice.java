package dev.binlog.spring.autoconfigure;

import dev.binlog.BinlogClient;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.Environment;

/** Logs one line when the starter is on but nothing streams, because no server is configured. */
final class BinlogOffNotice implements SmartInitializingSingleton, BeanFactoryAware {

    private static final Logger LOG = LoggerFactory.getLogger(BinlogAutoConfiguration.class);

    private final Environment environment;
    private ListableBeanFactory beans;

    BinlogOffNotice(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        beans = beanFactory instanceof ListableBeanFactory listable ? listable : null;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (beans == null || beans.getBeanNamesForType(BinlogClient.class, false, false).length > 0) {
            return;
        }
        LOG.warn(message(environment.getProperty("spring.datasource.url")));
    }

    /** The URL's scheme only: a URL may carry a password. */
    static String message(String dataSourceUrl) {
        String why;
        if (dataSourceUrl == null || dataSourceUrl.isBlank()) {
            why = "neither binlog.host nor spring.datasource.url is set";
        } else {
            String lower = dataSourceUrl.toLowerCase(Locale.ROOT);
            int second = lower.indexOf(':', lower.indexOf(':') + 1);
            String scheme = second > 0 ? dataSourceUrl.substring(0, second + 1) : "an unknown scheme";
            why = "binlog.host is not set and spring.datasource.url (" + scheme + "…) is not a jdbc:mysql: or "
                    + "jdbc:mariadb: URL (a wrapped URL or a @ServiceConnection is not followed)";
        }
        return "Binlog streaming is off: " + why + ". Set binlog.host (with binlog.port, binlog.username and "
                + "binlog.password) to stream, or binlog.enabled=false to leave the starter off without this warning";
    }
}
