package dev.binlog.spring.autoconfigure;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;

/**
 * Matches when the starter has a server to stream from: {@code binlog.host}, or a data source to follow (a Spring Boot
 * {@code JdbcConnectionDetails} bean). Boot's own, from {@code spring.datasource.*}, is followed only for a
 * {@code jdbc:mysql:}/{@code jdbc:mariadb:} {@code spring.datasource.url}; any other (a Testcontainers
 * {@code @ServiceConnection}, Docker Compose, the application's own bean) knows its URL only once created, which is
 * too late for a condition, so it matches and the URL is checked then. Decided on bean definitions: nothing is
 * created here.
 */
class OnBinlogServerCondition extends SpringBootCondition {

    static final String JDBC_CONNECTION_DETAILS = "org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails";

    private static final String PROPERTIES_JDBC_CONNECTION_DETAILS =
            "org.springframework.boot.jdbc.autoconfigure.PropertiesJdbcConnectionDetails";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String host = context.getEnvironment().getProperty("binlog.host");
        if (host != null && !host.isBlank()) {
            return ConditionOutcome.match("binlog.host is set");
        }
        ConfigurableListableBeanFactory beans = context.getBeanFactory();
        if (beans == null || !ClassUtils.isPresent(JDBC_CONNECTION_DETAILS, context.getClassLoader())) {
            return ConditionOutcome.noMatch("binlog.host is not set and there is no JDBC data source support");
        }
        Class<?> type = ClassUtils.resolveClassName(JDBC_CONNECTION_DETAILS, context.getClassLoader());
        for (String name : beans.getBeanNamesForType(type, true, false)) {
            Class<?> actual = beans.getType(name, false);
            if (actual == null || !actual.getName().equals(PROPERTIES_JDBC_CONNECTION_DETAILS)) {
                return ConditionOutcome.match("the data source's connection details '" + name
                        + "' (a MySQL/MariaDB URL is required once they are created)");
            }
            if (JdbcUrls.isMysql(context.getEnvironment().getProperty("spring.datasource.url"))) {
                return ConditionOutcome.match("spring.datasource.url names a MySQL/MariaDB server");
            }
        }
        return ConditionOutcome.noMatch("neither binlog.host nor a MySQL/MariaDB data source is set");
    }
}
