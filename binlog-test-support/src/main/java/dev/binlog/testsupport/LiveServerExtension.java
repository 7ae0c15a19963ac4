package dev.binlog.testsupport;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/**
 * Runs each {@link LiveTest} method once per server, gives it a {@link LiveServer} with a database of its own per
 * test class and server, and on failure attaches the tail of that server's error log to the exception.
 */
public final class LiveServerExtension implements TestTemplateInvocationContextProvider {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LiveServer.class);
    private static final AtomicInteger DATABASE_COUNTER = new AtomicInteger();
    private static final java.util.Set<TestServer> REPLICATION_USER_CREATED = ConcurrentHashMap.newKeySet();

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getRequiredTestMethod().isAnnotationPresent(LiveTest.class);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        List<TestServer> servers = TestServers.all();
        return servers.stream().map(server -> new ServerInvocation(server, classScoped(context, server)));
    }

    /** One database per (test class, server), created on first use and kept for the class's other methods. */
    private static LiveServer classScoped(ExtensionContext context, TestServer server) {
        ExtensionContext classContext = context.getParent().orElse(context);
        ExtensionContext.Store store = classContext.getStore(NAMESPACE);
        return store.computeIfAbsent(server, s -> {
            if (REPLICATION_USER_CREATED.add(server)) {
                LiveServer.createReplicationUser(server);
            }
            String database = databaseName(context.getRequiredTestClass());
            LiveServer.createDatabase(server, database);
            return new LiveServer(server, database);
        }, LiveServer.class);
    }

    private static String databaseName(Class<?> testClass) {
        String base = testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
        String name = "t" + DATABASE_COUNTER.incrementAndGet() + "_" + base;
        return name.length() > 60 ? name.substring(0, 60) : name;
    }

    private record ServerInvocation(TestServer server, LiveServer live) implements TestTemplateInvocationContext {

        @Override
        public String getDisplayName(int invocationIndex) {
            return "[" + server.name() + "]";
        }

        @Override
        public List<org.junit.jupiter.api.extension.Extension> getAdditionalExtensions() {
            return List.of(new LiveServerParameter(live), new ErrorLogOnFailure(server));
        }
    }

    private record LiveServerParameter(LiveServer live) implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            Class<?> type = parameter.getParameter().getType();
            return type == LiveServer.class || type == TestServer.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == LiveServer.class ? live : live.server();
        }
    }

    private record ErrorLogOnFailure(TestServer server) implements TestExecutionExceptionHandler {

        @Override
        public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
            if (!(throwable instanceof org.opentest4j.TestAbortedException)) {
                throwable.addSuppressed(new ServerErrorLog(server.name(), server.errorLogTail(40)));
            }
            throw throwable;
        }
    }

    /** Carries a server's error log tail into the failure report. */
    static final class ServerErrorLog extends RuntimeException {
        ServerErrorLog(String server, List<String> lines) {
            super("last lines of the error log of " + server + ":\n" + String.join("\n", lines), null, false, false);
        }
    }
}
