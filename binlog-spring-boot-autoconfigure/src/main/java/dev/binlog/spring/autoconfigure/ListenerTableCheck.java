package dev.binlog.spring.autoconfigure;

import dev.binlog.spring.listener.InvalidListenerException;
import dev.binlog.spring.listener.ListenerCheck;
import dev.binlog.spring.listener.ListenerDispatcher;
import dev.binlog.stream.ClientSettings;
import dev.binlog.stream.ServerTables;
import dev.binlog.stream.TableSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before the stream starts, checks the listeners against the server's tables ({@code information_schema}, over a
 * connection of its own, closed after): mistakes are logged (WARN) or, with {@code binlog.listener.validate=strict},
 * fail the start; a row type that cannot receive a table's rows always fails it. A server that cannot be reached
 * throws the connection error, which the lifecycle retries like a failed start.
 */
final class ListenerTableCheck implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ListenerTableCheck.class);

    private final ClientSettings settings;
    private final ListenerDispatcher dispatcher;
    private final BinlogProperties.Validation mode;

    ListenerTableCheck(ClientSettings settings, ListenerDispatcher dispatcher, BinlogProperties.Validation mode) {
        this.settings = settings;
        this.dispatcher = dispatcher;
        this.mode = mode;
    }

    @Override
    public void run() {
        if (mode == BinlogProperties.Validation.OFF || dispatcher.endpoints().isEmpty()) {
            return;
        }
        Map<String, TableSchema> tables = ServerTables.read(settings.server());
        String server = settings.server().host() + ":" + settings.server().port();
        if (tables.isEmpty()) {
            LOG.warn("Cannot check the binlog listeners' tables: user '{}' sees no table on {} (it needs SELECT; "
                    + "binlog.listener.validate=off turns the check off)", settings.server().user(), server);
            return;
        }
        ListenerCheck check = ListenerCheck.of(dispatcher, tables, settings.filter());
        List<String> failures = new ArrayList<>(check.errors());
        if (mode == BinlogProperties.Validation.STRICT) {
            failures.addAll(0, check.mistakes());
        } else {
            check.mistakes().forEach(m -> LOG.warn("{} on {} (binlog.listener.validate=strict makes this fail the "
                    + "start)", capitalize(m), server));
        }
        if (!failures.isEmpty()) {
            throw new InvalidListenerException("The binlog listeners do not fit the tables of " + server + ":\n- "
                    + String.join("\n- ", failures));
        }
    }

    private static String capitalize(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
