package dev.binlog.spring.autoconfigure;

import dev.binlog.stream.BinlogClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

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
        String dataSourceUrl = dataSourceUrl();
        LOG.warn(message(dataSourceUrl != null ? dataSourceUrl : environment.getProperty("spring.datasource.url"),
                dataSourceUrl != null));
    }

    /** The URL of the data source's connection details, when there is one (all singletons exist by now). */
    private String dataSourceUrl() {
        if (!ClassUtils.isPresent(OnBinlogServerCondition.JDBC_CONNECTION_DETAILS, getClass().getClassLoader())) {
            return null;
        }
        try {
            Object details = beans.getBeanProvider(ClassUtils.resolveClassName(
                    OnBinlogServerCondition.JDBC_CONNECTION_DETAILS, getClass().getClassLoader())).getIfUnique();
            return details == null ? null : DataSourceUrl.of(details);
        } catch (BeansException | IllegalStateException e) {
            return null;
        }
    }

    /**
     * The URL's scheme only: a URL may carry a password.
     *
     * @param followable whether the URL is that of a data source the starter could follow
     */
    static String message(String dataSourceUrl, boolean followable) {
        String why;
        if (dataSourceUrl == null || dataSourceUrl.isBlank()) {
            why = "neither binlog.host nor spring.datasource.url is set";
        } else if (!JdbcUrls.isMysql(dataSourceUrl)) {
            why = "binlog.host is not set and " + (followable ? "the data source" : "spring.datasource.url") + " ("
                    + JdbcUrls.scheme(dataSourceUrl) + "…) is not a jdbc:mysql: or jdbc:mariadb: URL (a wrapped URL "
                    + "is not followed)";
        } else {
            why = "binlog.host is not set and spring.datasource.url names a MySQL/MariaDB server, but the "
                    + "application has no data source to follow (Spring Boot's JdbcConnectionDetails, from "
                    + "spring-boot-starter-jdbc)";
        }
        return "Binlog streaming is off: " + why + ". Set binlog.host (with binlog.port, binlog.username and "
                + "binlog.password) to stream, or binlog.enabled=false to leave the starter off without this warning";
    }

    /** Kept apart so that this class loads without {@code spring-boot-jdbc}. */
    private static final class DataSourceUrl {
        static String of(Object details) {
            return ((org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails) details).getJdbcUrl();
        }
    }
}
