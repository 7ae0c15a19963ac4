package dev.binlog.spring;

import dev.binlog.ChangeType;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.core.annotation.AliasFor;

/** A {@link BinlogListener} for UPDATEs only. */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@BinlogListener(on = ChangeType.UPDATE)
public @interface OnUpdate {

    @AliasFor(annotation = BinlogListener.class, attribute = "tables")
    String[] value() default {};

    @AliasFor(annotation = BinlogListener.class, attribute = "tables")
    String[] table() default {};

    @AliasFor(annotation = BinlogListener.class, attribute = "columns")
    String[] columns() default {};

    @AliasFor(annotation = BinlogListener.class, attribute = "condition")
    String condition() default "";

    @AliasFor(annotation = BinlogListener.class, attribute = "id")
    String id() default "";

    @AliasFor(annotation = BinlogListener.class, attribute = "errorHandler")
    String errorHandler() default "";
}
