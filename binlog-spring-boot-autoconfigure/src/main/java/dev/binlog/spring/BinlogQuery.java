package dev.binlog.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code String} parameter of a row listener method that receives the SQL statement which produced the
 * change, as the server logged it, or {@code null} when the server does not log statements with row events. MariaDB
 * logs them with {@code binlog_annotate_row_events=ON} (its default since 10.2.4), MySQL with
 * {@code binlog_rows_query_log_events=ON}. It is {@link dev.binlog.ChangeMetadata#query()}.
 *
 * <pre>{@code
 * @OnDelete("shop.orders")
 * void audit(Order order, @BinlogQuery String sql) { ... }
 * }</pre>
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface BinlogQuery {
}
