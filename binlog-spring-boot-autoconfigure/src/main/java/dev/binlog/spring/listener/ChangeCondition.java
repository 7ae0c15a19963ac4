package dev.binlog.spring.listener;

import dev.binlog.RowChange;
import org.springframework.expression.Expression;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.SimpleEvaluationContext;

/**
 * A listener's SpEL condition over the change: {@code #before} and {@code #after} are the images as maps (so
 * {@code #after['total'] > 1000} or {@code #after.total > 1000}), {@code #change} the core change, {@code #type} its
 * type. Parsed once; evaluated in a read-only context.
 */
final class ChangeCondition {

    private static final SpelExpressionParser PARSER = new SpelExpressionParser();

    private final Expression expression;
    private final String text;

    ChangeCondition(String text) {
        this.text = text;
        this.expression = PARSER.parseExpression(text);
    }

    boolean matches(RowChange change) {
        SimpleEvaluationContext context = SimpleEvaluationContext.forPropertyAccessors(new MapKeyAccessor())
                .withInstanceMethods().build();
        context.setVariable("before", change.before() == null ? null : change.before().asMap());
        context.setVariable("after", change.after() == null ? null : change.after().asMap());
        context.setVariable("change", change);
        context.setVariable("type", change.type());
        Boolean result = expression.getValue(context, Boolean.class);
        return Boolean.TRUE.equals(result);
    }

    @Override
    public String toString() {
        return text;
    }
}
