package dev.binlog.spring.live;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local port where a server is "not running yet": connections are refused until {@link #open()}, after which they
 * are forwarded to the real server. Lets a test start an application before its database is up.
 */
final class PortForwarder implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;

    PortForwarder(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            this.port = probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    /** Starts accepting and forwarding connections. */
    void open() throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        server = socket;
        Thread acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    Socket upstream = new Socket(targetHost, targetPort);
                    sockets.add(client);
                    sockets.add(upstream);
                    pump(client.getInputStream(), upstream.getOutputStream(), upstream);
                    pump(upstream.getInputStream(), client.getOutputStream(), client);
                } catch (IOException e) {
                    return;
                }
            }
        }, "forwarder-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private static void pump(InputStream in, OutputStream out, Socket target) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // closed
            } finally {
                try {
                    target.close();
                } catch (IOException e) {
                    // closed
                }
            }
        }, "forwarder-pump");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        if (server != null) {
            server.close();
        }
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
