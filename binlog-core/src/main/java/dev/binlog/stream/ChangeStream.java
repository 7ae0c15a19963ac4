package dev.binlog.stream;

import dev.binlog.BinlogPosition;
import dev.binlog.ChangeListener;
import dev.binlog.ClientSettings;
import dev.binlog.ClientState;
import dev.binlog.ServerDescription;
import dev.binlog.StateListener;
import dev.binlog.StreamStatistics;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Engine behind {@link dev.binlog.BinlogClient}: connection, decoding, transactions, positions. */
public final class ChangeStream {

    private final ClientSettings settings;
    private final ChangeListener listener;
    private final List<StateListener> stateListeners;
    private volatile ClientState state = ClientState.NEW;

    public ChangeStream(ClientSettings settings, ChangeListener listener, List<StateListener> stateListeners) {
        this.settings = settings;
        this.listener = listener;
        this.stateListeners = stateListeners;
    }

    public void start() {
        throw new UnsupportedOperationException("network streaming is not wired yet");
    }

    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return state == ClientState.STOPPED || state == ClientState.FAILED;
    }

    public void pause() {
    }

    public void resume() {
    }

    public ClientState state() {
        return state;
    }

    public Throwable lastError() {
        return null;
    }

    public BinlogPosition currentPosition() {
        return null;
    }

    public BinlogPosition committedPosition() {
        return null;
    }

    public Double lagSeconds() {
        return null;
    }

    public ServerDescription server() {
        return null;
    }

    public StreamStatistics statistics() {
        return new StreamStatistics(Map.of(), Map.of(), 0, 0, 0, null);
    }

    public void close() {
        state = ClientState.STOPPED;
    }
}
