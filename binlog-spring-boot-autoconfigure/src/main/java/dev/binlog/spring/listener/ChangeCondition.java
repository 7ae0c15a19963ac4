package dev.binlog.spring.listener;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.expression.Expression;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.SpelNode;
import org.springframework.expression.spel.ast.CompoundExpression;
import org.springframework.expression.spel.ast.PropertyOrFieldReference;
import org.springframework.expression.spel.ast.VariableReference;
import org.springframework.expression.spel.standard.SpelExpression;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.SimpleEvaluationContext;

/**
 * A listener's SpEL condition, evaluated against what the method receives, in a read-only context:
 * <ul>
 * <li>{@code #after}, {@code #before}: the images as the listener's row type (the {@code T} of its POJO or record
 * parameter, of {@code BinlogChange<T>} or of {@code List<BinlogChange<T>>}), or as column maps when it takes none;
 * {@code null} when the change has no such image;</li>
 * <li>{@code #row}: the column map of the after image (the before image for a DELETE), whatever the method takes;</li>
 * <li>{@code #type}: the {@code ChangeType}; {@code #changedColumns}: for an UPDATE, the names of the changed columns;
 * {@code #change}: the core {@code RowChange}.</li>
 * </ul>
 * Parsed and checked at startup: a syntax error, an unknown variable or a property the row type lacks fails the
 * start, naming bean and method.
 */
final class ChangeCondition {

    /** The variables a condition may use. */
    static final List<String> VARIABLES = List.of("after", "before", "row", "type", "changedColumns", "change");

    private static final SpelExpressionParser PARSER = new SpelExpressionParser();

    private final Expression expression;
    private final String text;
    /** The variables the expression reads: only those are bound, so an unread image is never mapped or decoded. */
    private final Set<String> used = new java.util.HashSet<>();

    /**
     * @param rowType what {@code #after} and {@code #before} are, or {@code null} for column maps
     * @param where   the listener, for error messages
     */
    ChangeCondition(String text, Class<?> rowType, String where) {
        this.text = text;
        try {
            this.expression = PARSER.parseExpression(text);
        } catch (ParseException e) {
            throw new InvalidListenerException(where + ": condition \"" + text + "\" is not valid SpEL: "
                    + e.getSimpleMessage() + " (at character " + e.getPosition() + ")", e);
        }
        List<String> problems = new ArrayList<>();
        check(((SpelExpression) expression).getAST(), rowType, problems);
        collectVariables(((SpelExpression) expression).getAST(), used);
        if (!problems.isEmpty()) {
            throw new InvalidListenerException(where + ": condition \"" + text + "\" " + String.join("; ", problems)
                    + ". Variables: #after, #before (" + (rowType == null ? "column maps" : rowType.getSimpleName())
                    + "), #row (column map), #type, #changedColumns, #change");
        }
    }

    private static void check(SpelNode node, Class<?> rowType, List<String> problems) {
        if (node instanceof VariableReference variable) {
            String name = variable.toStringAST().substring(1);
            if (!VARIABLES.contains(name) && !name.equals("this") && !name.equals("root")) {
                problems.add("uses #" + name + ", which is not defined");
            }
        }
        if (node instanceof CompoundExpression && node.getChildCount() > 1
                && node.getChild(0) instanceof VariableReference variable
                && node.getChild(1) instanceof PropertyOrFieldReference property && rowType != null) {
            String name = variable.toStringAST().substring(1);
            if ((name.equals("after") || name.equals("before")) && !MapKeyAccessor.hasProperty(rowType,
                    property.getName())) {
                problems.add("reads #" + name + "." + property.getName() + ", but " + rowType.getSimpleName()
                        + " has no property " + property.getName() + " (" + properties(rowType) + ")");
            }
        }
        for (int i = 0; i < node.getChildCount(); i++) {
            check(node.getChild(i), rowType, problems);
        }
    }

    private static void collectVariables(SpelNode node, Set<String> names) {
        if (node instanceof VariableReference variable) {
            names.add(variable.toStringAST().substring(1));
        }
        for (int i = 0; i < node.getChildCount(); i++) {
            collectVariables(node.getChild(i), names);
        }
    }

    private static String properties(Class<?> rowType) {
        Set<String> names = new LinkedHashSet<>();
        if (rowType.isRecord()) {
            for (RecordComponent component : rowType.getRecordComponents()) {
                names.add(component.getName());
            }
        } else {
            for (Class<?> c = rowType; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(field.getModifiers()) && !field.isSynthetic()) {
                        names.add(field.getName());
                    }
                }
            }
        }
        return "it has " + String.join(", ", names);
    }

    /** Whether the change is for the listener; throws what evaluating the expression threw. */
    boolean matches(Images images) {
        SimpleEvaluationContext context = SimpleEvaluationContext.forPropertyAccessors(new MapKeyAccessor())
                .withInstanceMethods().build();
        // Column maps read the row on access: a condition on two columns decodes two, not the whole row.
        if (used.contains("before")) {
            context.setVariable("before", images.mapsRows() ? images.before()
                    : RowColumns.of(images.change().before()));
        }
        if (used.contains("after")) {
            context.setVariable("after", images.mapsRows() ? images.after() : RowColumns.of(images.change().after()));
        }
        if (used.contains("row")) {
            context.setVariable("row", RowColumns.of(images.change().row()));
        }
        context.setVariable("type", images.change().type());
        context.setVariable("changedColumns", images.change().changedColumns());
        context.setVariable("change", images.change());
        return Boolean.TRUE.equals(expression.getValue(context, Boolean.class));
    }

    @Override
    public String toString() {
        return text;
    }
}
