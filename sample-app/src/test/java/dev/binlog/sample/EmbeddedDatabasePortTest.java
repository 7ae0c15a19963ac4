package dev.binlog.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** The embedded server takes the port asked for (3307 by default) when it is free, and another one when not. */
class EmbeddedDatabasePortTest {

    @Test
    void takesTheRequestedPortWhenItIsFree() throws Exception {
        int free;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            free = probe.getLocalPort();
        }
        assertThat(EmbeddedDatabase.choosePort(free)).isEqualTo(free);
    }

    @Test
    void fallsBackToAFreePortWhenTheRequestedOneIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int chosen = EmbeddedDatabase.choosePort(taken.getLocalPort());
            assertThat(chosen).isPositive().isNotEqualTo(taken.getLocalPort());
            try (ServerSocket bindable = new ServerSocket(chosen, 1, InetAddress.getLoopbackAddress())) {
                assertThat(bindable.getLocalPort()).isEqualTo(chosen);
            }
        }
    }
}
