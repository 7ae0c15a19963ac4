package dev.binlog.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.core.annotation.AliasFor;

/**
 * Marks a bean method called once per committed transaction that changed a row of a table its patterns name (every
 * table when none), after that transaction's row listeners, before its position is saved: the place to flush what row
 * listeners gathered, without the rows being buffered. The method takes no parameter or one
 * {@link dev.binlog.Transaction}, whose {@code rowCount} is the number of rows of the named tables the transaction
 * changed (all delivered rows when no table is named). A failure follows the listener's error policy, as for a row
 * listener.
 *
 * <pre>{@code
 * @OnCommit("shop.orders")
 * void flush(Transaction transaction) { batch.flush(); }
 * }</pre>
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnCommit {

    /** Alias for {@link #table()}. */
    @AliasFor("table")
    String[] value() default {};

    /**
     * {@code schema.table} patterns ({@code *} wildcards, {@code ${...}} placeholders); checked against the server's
     * tables at start like {@link BinlogListener#tables()}.
     */
    @AliasFor("value")
    String[] table() default {};

    /** The listener's id in metrics and the {@code binlog} endpoint; defaults to {@code bean.method}. */
    String id() default "";

    /** Name of a {@link BinlogErrorHandler} bean for this listener's failures; it receives a {@code null} change. */
    String errorHandler() default "";
}
