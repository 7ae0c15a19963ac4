package dev.binlog.spring;

import dev.binlog.ChangeType;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.core.annotation.AliasFor;

/**
 * Marks a bean method that receives the committed row changes of some tables, in commit order, on the stream's
 * thread. The method's parameters choose what it gets: a POJO or record (the after image, the before image for a
 * DELETE), {@link Before @Before}/{@link After @After} POJOs, a {@link BinlogChange BinlogChange&lt;T&gt;}, a
 * {@code Map<String, Object>}, the core {@link dev.binlog.RowChange}, {@link dev.binlog.ChangeMetadata}, or a
 * {@code List<BinlogChange<T>>} for one call per transaction.
 *
 * <pre>{@code
 * @BinlogListener(table = "shop.orders", on = ChangeType.INSERT)
 * void onNewOrder(Order order) { ... }
 * }</pre>
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface BinlogListener {

    /** Alias for {@link #tables()}. */
    @AliasFor("tables")
    String[] table() default {};

    /**
     * {@code schema.table} patterns ({@code *} wildcards, {@code ${...}} placeholders); each is checked against the
     * server's tables at start (see {@code binlog.listener.validate}).
     */
    @AliasFor("table")
    String[] tables() default {};

    /**
     * Change types to receive; empty means INSERT, UPDATE and DELETE. Rows a snapshot copied ({@code READ}) reach only
     * a listener that names {@code READ}.
     */
    ChangeType[] on() default {};

    /**
     * For UPDATEs: fire only when one of these columns changed; empty means any change. INSERTs and DELETEs are not
     * filtered by it. Checked against the server's tables at start (see {@code binlog.listener.validate}).
     */
    String[] columns() default {};

    /**
     * SpEL that must be true for the method to be called, over what the method receives: {@code #after} and
     * {@code #before} are the images as the method's row type (its POJO or record parameter, the {@code T} of
     * {@code BinlogChange<T>} or {@code List<BinlogChange<T>>}), or column maps when it takes none, {@code null} when
     * absent; {@code #row} is the column map of the after image (before image for a DELETE); {@code #type} the
     * {@code ChangeType}; {@code #changedColumns} the changed columns of an UPDATE; {@code #change} the core
     * {@code RowChange}. Checked at startup (syntax, variables, properties of the row type); one that fails on a change
     * is this listener's failure, under its error policy, and is never retried.
     * <pre>{@code condition = "#after.total > 1000 and #changedColumns.contains('status')"}</pre>
     */
    String condition() default "";

    /** The listener's id in metrics and the {@code binlog} endpoint; defaults to {@code bean.method}. */
    String id() default "";

    /** Name of a {@link BinlogErrorHandler} bean for this listener's failures. */
    String errorHandler() default "";
}
