package dev.binlog.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method that receives DDL statements ({@code CREATE}, {@code ALTER}, {@code DROP}, {@code RENAME},
 * {@code TRUNCATE}) on the stream's thread, in binlog order relative to the row changes around them: a row listener
 * has received every change logged before the statement, and none logged after it. The method takes one parameter: a
 * {@link dev.binlog.SchemaChange} (statement, default schema, affected tables, position, GTID) or a {@code String}
 * (the statement). The position after the statement is saved only once every such method returned, as after a
 * transaction; a failure follows the listener's error policy ({@code binlog.error-handling.*}, or its
 * {@link #errorHandler()}, which receives a {@code null} change).
 *
 * <p>Without {@code schema} or {@code table}, the method receives every DDL statement. Otherwise it receives one that
 * affects a table a {@code table} pattern names, or a table in a schema a {@code schema} pattern names; a statement
 * whose affected tables cannot be told from its text (or a {@code CREATE}/{@code DROP DATABASE}, which affects
 * {@code schema.*}) is matched by its schema against the {@code schema} patterns only. Unlike a row listener's, the
 * patterns are not checked against the server's tables at start: DDL may name a table that does not exist yet.
 *
 * <pre>{@code
 * @OnSchemaChange(table = "shop.orders")
 * void ordersChanged(SchemaChange change) { searchIndex.rebuildMapping(); }
 * }</pre>
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnSchemaChange {

    /** Schema names ({@code *} wildcards, {@code ${...}} placeholders, comma-separated lists). */
    String[] schema() default {};

    /** {@code schema.table} patterns ({@code *} wildcards, {@code ${...}} placeholders, comma-separated lists). */
    String[] table() default {};

    /** The listener's id in metrics and the {@code binlog} endpoint; defaults to {@code bean.method}. */
    String id() default "";

    /** Name of a {@link BinlogErrorHandler} bean for this listener's failures. */
    String errorHandler() default "";
}
