package dev.binlog.spring.listener;

import dev.binlog.spring.BinlogArgumentResolver;
import dev.binlog.spring.BinlogErrorHandler;
import dev.binlog.spring.mapping.RowMappers;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Collects listener endpoints (from annotations, once all singletons exist, and from
 * {@link dev.binlog.spring.BinlogListenerConfigurer}s), checks each once as it is registered, and builds the
 * {@link ListenerDispatcher} the stream calls.
 */
public final class ListenerRegistry {

    private final ArgumentResolvers arguments;
    private final Function<String, BinlogErrorHandler> errorHandlers;
    /** Live: the dispatcher, created before the endpoints are registered, sees every one of them. */
    private final List<MethodListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<String> ids = new HashSet<>();

    /** A registry with the built-in parameter kinds only, where no listener may name an error handler. */
    public ListenerRegistry(RowMappers mappers) {
        this(mappers, List.of(), name -> {
            throw new IllegalArgumentException("this registry has no error handlers");
        });
    }

    /**
     * @param resolvers     the application's argument resolvers, in order, consulted for what the built-in kinds do
     *                      not serve
     * @param errorHandlers an error handler by bean name; throws an exception saying why when there is none
     */
    public ListenerRegistry(RowMappers mappers, List<BinlogArgumentResolver> resolvers,
            Function<String, BinlogErrorHandler> errorHandlers) {
        this.arguments = new ArgumentResolvers(mappers, resolvers);
        this.errorHandlers = errorHandlers;
    }

    /**
     * Adds a listener; throws {@link InvalidListenerException} at once when its method cannot be served, its id is
     * taken or its error handler is not a {@link BinlogErrorHandler} bean.
     *
     * @see ListenerEndpoint#builder()
     */
    public synchronized void register(ListenerEndpoint endpoint) {
        if (ids.contains(endpoint.id())) {
            throw new InvalidListenerException("two @BinlogListener methods have the id '" + endpoint.id() + "'");
        }
        BinlogErrorHandler handler = errorHandler(endpoint);
        listeners.add(new MethodListener(endpoint, arguments, handler));
        ids.add(endpoint.id());
    }

    private BinlogErrorHandler errorHandler(ListenerEndpoint endpoint) {
        String name = endpoint.errorHandler();
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return errorHandlers.apply(name);
        } catch (RuntimeException e) {
            throw new InvalidListenerException(ArgumentResolvers.describe(endpoint) + ": errorHandler '" + name
                    + "' cannot be used: " + e.getMessage(), e);
        }
    }

    public synchronized List<ListenerEndpoint> endpoints() {
        return listeners.stream().map(MethodListener::endpoint).toList();
    }

    public synchronized ListenerDispatcher dispatcher(ErrorPolicy policy, int maxTransactionRows) {
        return new ListenerDispatcher(listeners, policy, maxTransactionRows);
    }
}
