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

    /** {@code schema.table} patterns ({@code *} wildcards, {@code ${...}} placeholders). */
    @AliasFor("table")
    String[] tables() default {};

    /** Change types to receive; empty means all. */
    ChangeType[] on() default {};

    /** For UPDATEs: fire only when one of these columns changed; empty means any change. */
    String[] columns() default {};

    /** SpEL over the change ({@code #before}, {@code #after} as maps, {@code #change}, {@code #type}); must be true. */
    String condition() default "";

    /** The listener's id in metrics and the {@code binlog} endpoint; defaults to {@code bean.method}. */
    String id() default "";

    /** Name of a {@link BinlogErrorHandler} bean for this listener's failures. */
    String errorHandler() default "";
}
