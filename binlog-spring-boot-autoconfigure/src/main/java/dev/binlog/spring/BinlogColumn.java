package dev.binlog.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the column a field or record component maps from, when {@code snake_case → camelCase} does not fit, or marks
 * it optional. Every field or component of a row type must have a column in each table the listener receives, else
 * the start (or at the latest the first row) fails naming the table and the field; an {@code optional} one without a
 * column is left {@code null} (a primitive keeps its default).
 *
 * <pre>{@code
 * record Order(long id, @BinlogColumn("customer_name") String buyer,
 *         @BinlogColumn(optional = true) String note) { }
 * }</pre>
 */
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface BinlogColumn {

    /** The column's name; by default the field's name or its snake_case form. */
    String value() default "";

    /** Whether a table without the column is fine: the field is then left {@code null} (or a primitive's default). */
    boolean optional() default false;
}
