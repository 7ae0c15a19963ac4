package dev.binlog.spring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.PropertyMapping;

/**
 * Tests an application's binlog listeners without a server: on a {@code @SpringBootTest} (or any test with an
 * application context), the binlog stream never starts ({@code binlog.auto-startup=false}, and
 * {@code binlog.cluster.mode=all} so that no leader election starts it either) and a {@link TestBinlog} bean sends
 * synthetic changes through the application's real {@code ListenerDispatcher}.
 *
 * <pre>{@code
 * @SpringBootTest
 * @AutoConfigureBinlogTest
 * class OrderListenerTest {
 *     @Autowired TestBinlog binlog;
 *     ...
 * }
 * }</pre>
 *
 * <p>The rest of the configuration stays the application's: the connection details and {@code BinlogClient} are
 * still created when {@code binlog.host} or a MySQL/MariaDB data source is configured (creating them does not
 * connect), with the {@code PositionStore} bean, which receives the synthetic positions. That store is an in-memory
 * one ({@code binlog.position-store.type=memory}), so that a test writes no position file or table of the
 * application's; an application's own {@code PositionStore} bean is still the one used. Without a server configured
 * there is no {@code BinlogClient} and no store at all, and {@link TestBinlog} keeps positions in memory itself.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
@PropertyMapping("binlog")
public @interface AutoConfigureBinlogTest {

    /** {@code binlog.auto-startup}: {@code false}, so that the stream never connects. */
    boolean autoStartup() default false;

    /** {@code binlog.cluster.mode}: {@code all}, so that no leader election starts the stream. */
    @PropertyMapping("cluster.mode")
    String clusterMode() default "all";

    /**
     * {@code binlog.position-store.type}: {@code memory}, so that synthetic positions are not written to the
     * application's position file or table; {@code file} or {@code jdbc} to test those.
     */
    @PropertyMapping("position-store.type")
    String positionStoreType() default "memory";
}
