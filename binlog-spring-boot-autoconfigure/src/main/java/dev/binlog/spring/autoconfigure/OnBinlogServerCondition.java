package dev.binlog.spring.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when there is a server to stream from: {@code binlog.host}, or a MySQL/MariaDB data source URL. */
class OnBinlogServerCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String host = context.getEnvironment().getProperty("binlog.host");
        if (host != null && !host.isBlank()) {
            return ConditionOutcome.match("binlog.host is set");
        }
        String url = context.getEnvironment().getProperty("spring.datasource.url");
        if (url != null && BinlogConnectionDetails.parseJdbcUrl(url) != null) {
            return ConditionOutcome.match("spring.datasource.url names a MySQL/MariaDB server");
        }
        return ConditionOutcome.noMatch("neither binlog.host nor a MySQL/MariaDB spring.datasource.url is set");
    }
}
