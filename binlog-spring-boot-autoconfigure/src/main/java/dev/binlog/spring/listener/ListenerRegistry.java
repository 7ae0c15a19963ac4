package dev.binlog.spring.listener;

import dev.binlog.spring.BinlogErrorHandler;
import dev.binlog.spring.mapping.RowMappers;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Collects listener endpoints (from annotations and from {@code BinlogListenerConfigurer}s), checks each once, and
 * builds the {@link ListenerDispatcher} the stream calls.
 */
public final class ListenerRegistry {

    private final ArgumentResolvers arguments;
    /** Live: the dispatcher sees listeners of beans initialised after it was created. */
    private final List<MethodListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<String> ids = new HashSet<>();

    public ListenerRegistry(RowMappers mappers) {
        this.arguments = new ArgumentResolvers(mappers);
    }

    /** Adds a listener; throws at once when its method cannot be served or its id is taken. */
    public synchronized void register(ListenerEndpoint endpoint) {
        if (!ids.add(endpoint.id())) {
            throw new InvalidListenerException("two @BinlogListener methods have the id '" + endpoint.id() + "'");
        }
        listeners.add(new MethodListener(endpoint, arguments));
    }

    public synchronized List<ListenerEndpoint> endpoints() {
        return listeners.stream().map(MethodListener::endpoint).toList();
    }

    public synchronized ListenerDispatcher dispatcher(ErrorPolicy policy, int maxTransactionRows,
            Function<String, BinlogErrorHandler> errorHandlers) {
        return new ListenerDispatcher(listeners, policy, maxTransactionRows, errorHandlers);
    }
}
