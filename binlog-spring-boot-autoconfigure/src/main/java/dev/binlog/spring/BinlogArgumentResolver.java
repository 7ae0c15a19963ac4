package dev.binlog.spring;

import dev.binlog.RowChange;
import org.springframework.core.MethodParameter;

/**
 * Serves a {@link BinlogListener @BinlogListener} parameter the starter does not know, such as a tenant id taken from
 * the row or a value of the application's own. Every bean of this type is consulted, in {@code @Order}, for each
 * parameter that is not one of the built-in kinds ({@code RowChange}, {@code ChangeMetadata}, {@code ChangeType},
 * {@code Row}, {@code Map<String, Object>}, {@code BinlogChange<T>}, {@code List<BinlogChange<T>>}, a
 * {@code @Before}/{@code @After} row), before a parameter of any other class is taken to be the row type; the first
 * that supports it serves it. A parameter no one serves that cannot hold a row fails the start, naming bean, method
 * and parameter.
 *
 * <pre>{@code
 * @Bean BinlogArgumentResolver tenantResolver() {
 *     return new BinlogArgumentResolver() {
 *         public boolean supportsParameter(MethodParameter parameter) {
 *             return parameter.getParameterType() == TenantId.class;
 *         }
 *         public Object resolveArgument(MethodParameter parameter, RowChange change) {
 *             return new TenantId(change.schema());
 *         }
 *     };
 * }
 *
 * @OnInsert("*.orders")
 * void onOrder(Order order, TenantId tenant) { ... }
 * }</pre>
 */
public interface BinlogArgumentResolver {

    /** Whether this resolver serves the parameter; asked once per listener parameter, at startup. */
    boolean supportsParameter(MethodParameter parameter);

    /**
     * The parameter's value for one change, on the stream's thread; what it throws is the listener's failure, under
     * its error policy (retried, then its error handler or {@code binlog.error-handling.mode}).
     */
    Object resolveArgument(MethodParameter parameter, RowChange change) throws Exception;
}
