package dev.binlog.protocol;

import dev.binlog.AuthenticationException;
import dev.binlog.ProtocolException;
import dev.binlog.ServerSettings;
import dev.binlog.io.ByteWriter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a socket and logs in: handshake, optional TLS upgrade, handshake response, then the authentication
 * exchange (AuthSwitchRequest, AuthMoreData) until the server's OK.
 *
 * <p>Nothing a peer sends can hold the login for ever or make it buffer much: every read waits at most the read
 * timeout and the whole login at most the connect timeout, each packet is at most
 * {@link PacketLimit#HANDSHAKE_BYTES}, and the exchange ends after {@value #MAX_AUTH_ROUNDS} rounds.
 */
final class Login {

    private static final Logger LOG = LoggerFactory.getLogger(Login.class);

    static final String NATIVE = "mysql_native_password";
    static final String CACHING_SHA2 = "caching_sha2_password";
    static final String SHA256 = "sha256_password";
    static final String ED25519 = "client_ed25519";
    static final String CLEAR = "mysql_clear_password";
    private static final Set<String> SUPPORTED = Set.of(NATIVE, CACHING_SHA2, SHA256, ED25519, CLEAR);

    /** utf8mb4_general_ci: known to MySQL 5.5+ and every MariaDB. */
    private static final int CHARSET_UTF8MB4 = 45;
    private static final int MAX_PACKET_SIZE = 1 << 30;
    /** Auth switch and more-data requests answered in one login; a real server needs at most three. */
    static final int MAX_AUTH_ROUNDS = 8;

    /** Server error codes for a refused login that retrying will not fix. */
    private static final Set<Integer> ACCESS_ERRORS = Set.of(1044, 1045, 1251, 1698, 3118, 4151, 1820, 1862);

    private final ServerSettings settings;
    private final PacketChannel channel;
    private boolean tls;
    private byte[] seed;
    private String plugin;

    private Login(ServerSettings settings, PacketChannel channel) {
        this.settings = settings;
        this.channel = channel;
    }

    /** Connects and logs in; the returned session is ready for commands. */
    static ServerConnection open(ServerSettings settings) {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.connect(new InetSocketAddress(settings.host(), settings.port()),
                    (int) settings.connectTimeout().toMillis());
        } catch (UnknownHostException e) {
            closeQuietly(socket);
            throw new ProtocolException("cannot connect to " + settings.endpoint() + ": unknown host "
                    + settings.host() + "; check the host name (DNS or /etc/hosts)", e, true);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new ProtocolException("cannot connect to " + settings.endpoint() + ": " + e.getMessage()
                    + "; check host, port and that the server is running", e, true);
        }
        PacketChannel channel;
        try {
            channel = new PacketChannel(socket, settings.endpoint());
        } catch (IOException e) {
            closeQuietly(socket);
            throw new ProtocolException("cannot open streams to " + settings.endpoint(), e, true);
        }
        try {
            channel.readTimeout(millis(settings.readTimeout()));
            channel.deadline(millis(settings.connectTimeout()));
            ServerConnection session = new Login(settings, channel).run();
            channel.deadline(0);
            channel.readTimeout(millis(settings.readTimeout()));
            return session;
        } catch (RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static int millis(Duration timeout) {
        return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    private ServerConnection run() {
        channel.limit(PacketLimit.HANDSHAKE);
        channel.stage(() -> " while waiting for the server greeting");
        channel.readPacket();
        Handshake handshake = Handshake.parse(channel.buffer(), channel.length(), settings.endpoint());
        seed = handshake.seed();
        int capabilities = Capabilities.WANTED & handshake.capabilities();
        boolean serverTls = (handshake.capabilities() & Capabilities.SSL) != 0;
        if (settings.tlsMode().required() && !serverTls) {
            throw new AuthenticationException("TLS mode " + settings.tlsMode() + " but the server at "
                    + settings.endpoint() + " does not offer TLS; configure ssl-cert/ssl-key on the server or use"
                    + " TlsMode.PREFERRED");
        }
        if (serverTls && settings.tlsMode() != dev.binlog.TlsMode.DISABLED) {
            capabilities |= Capabilities.SSL;
            ByteWriter request = new ByteWriter(32);
            writeResponseHeader(request, capabilities);
            channel.writePacket(request.array(), 0, request.length());
            channel.stage(() -> " during the TLS handshake");
            try {
                channel.armTimeout();
                SSLSocket tlsSocket = TlsContexts.wrap(channel.socket(), settings);
                channel.upgrade(tlsSocket);
                tls = true;
            } catch (IOException e) {
                if (timedOut(e)) {
                    throw channel.timedOut(e);
                }
                throw new AuthenticationException("TLS handshake with " + settings.endpoint() + " failed under mode "
                        + settings.tlsMode() + ": " + e.getMessage() + TlsContexts.failureHint(e, settings), e);
            }
        }
        plugin = SUPPORTED.contains(handshake.authPlugin()) ? handshake.authPlugin() : NATIVE;
        byte[] authResponse = initialResponse(plugin);
        sendHandshakeResponse(capabilities, authResponse);
        channel.stage(() -> " while waiting for the server's answer to the login (authentication exchange)");
        authenticate();
        ServerInfo info = new ServerInfo(handshake.flavor(), handshake.serverVersion(), handshake.connectionId(),
                settings.endpoint(), tls, plugin);
        LOG.debug("logged in to {} as {} ({} {}, tls={}, plugin={})", settings.endpoint(), settings.user(),
                info.flavor(), info.version(), tls, plugin);
        return new ServerConnection(channel, info, capabilities);
    }

    private void writeResponseHeader(ByteWriter w, int capabilities) {
        w.writeUint32(capabilities & 0xFFFFFFFFL).writeUint32(MAX_PACKET_SIZE).writeUint8(CHARSET_UTF8MB4)
                .writeZeros(23);
    }

    private void sendHandshakeResponse(int capabilities, byte[] authResponse) {
        ByteWriter w = new ByteWriter(256);
        writeResponseHeader(w, capabilities);
        w.writeNullTerminatedString(settings.user(), StandardCharsets.UTF_8);
        if ((capabilities & Capabilities.PLUGIN_AUTH_LENENC_CLIENT_DATA) != 0) {
            w.writeLengthEncodedBytes(authResponse);
        } else {
            w.writeUint8(authResponse.length).writeBytes(authResponse);
        }
        if ((capabilities & Capabilities.PLUGIN_AUTH) != 0) {
            w.writeNullTerminatedString(plugin, StandardCharsets.UTF_8);
        }
        if ((capabilities & Capabilities.CONNECT_ATTRS) != 0) {
            ByteWriter attrs = new ByteWriter(64);
            attrs.writeLengthEncodedString("_client_name", StandardCharsets.UTF_8)
                    .writeLengthEncodedString("binlog", StandardCharsets.UTF_8)
                    .writeLengthEncodedString("program_name", StandardCharsets.UTF_8)
                    .writeLengthEncodedString("binlog", StandardCharsets.UTF_8);
            w.writeLengthEncodedInt(attrs.length()).writeBytes(attrs.array(), 0, attrs.length());
        }
        channel.writePacket(w.array(), 0, w.length());
    }

    private byte[] initialResponse(String pluginName) {
        String password = settings.password();
        return switch (pluginName) {
            case NATIVE -> AuthScrambles.nativePassword(password, seed);
            case CACHING_SHA2 -> AuthScrambles.cachingSha2(password, seed);
            case SHA256 -> sha256Initial();
            case ED25519 -> new byte[0]; // the signature answers the server's AuthSwitch with its own nonce
            case CLEAR -> clearPassword();
            default -> throw new AuthenticationException("the server at " + settings.endpoint() + " asks for"
                    + " authentication plugin '" + pluginName + "', which this client does not support (supported: "
                    + String.join(", ", SUPPORTED.stream().sorted().toList()) + "); ALTER USER the account to one of"
                    + " them, e.g. IDENTIFIED WITH mysql_native_password");
        };
    }

    private byte[] sha256Initial() {
        if (settings.password().isEmpty()) {
            return new byte[] {0};
        }
        if (tls) {
            return AuthScrambles.nulTerminated(settings.password());
        }
        if (settings.serverRsaPublicKeyFile() != null) {
            return RsaPasswordEncryption.encrypt(settings.password(), seed, configuredKey());
        }
        requirePublicKeyRetrieval();
        return new byte[] {1}; // asks for the server's public key
    }

    private byte[] clearPassword() {
        if (!tls) {
            throw new AuthenticationException("the server at " + settings.endpoint() + " asks for the password in"
                    + " clear text (mysql_clear_password) over an unencrypted connection; use TlsMode.REQUIRED or"
                    + " stronger");
        }
        return AuthScrambles.nulTerminated(settings.password());
    }

    private static boolean timedOut(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private void authenticate() {
        int rounds = 0;
        while (true) {
            int length = channel.readPacket();
            byte[] b = channel.buffer();
            int kind = length == 0 ? -1 : b[0] & 0xFF;
            if ((kind == 0xFE || kind == 0x01) && ++rounds > MAX_AUTH_ROUNDS) {
                throw new ProtocolException("the server at " + settings.endpoint() + " keeps the authentication"
                        + " going: " + MAX_AUTH_ROUNDS + " rounds of auth switch or more-data requests without an OK"
                        + " or an error, the most this client answers (a fixed limit); the peer is probably not a"
                        + " MySQL/MariaDB server, or it is misbehaving", null, false);
            }
            switch (kind) {
                case 0x00 -> {
                    return;
                }
                case 0xFF -> throw loginError(ErrorPacket.parse(b, length));
                case 0xFE -> {
                    switchPlugin(b, length);
                    channel.stage(() -> " while waiting for the server's answer to the auth switch");
                }
                case 0x01 -> {
                    moreData(Arrays.copyOfRange(b, 1, length));
                    channel.stage(() -> " while waiting for the server's OK after the authentication data");
                }
                default -> throw new ProtocolException("unexpected packet 0x" + Integer.toHexString(kind)
                        + " from " + settings.endpoint() + " during authentication", null, false);
            }
        }
    }

    private void switchPlugin(byte[] b, int length) {
        int end = 1;
        while (end < length && b[end] != 0) {
            end++;
        }
        plugin = new String(b, 1, end - 1, StandardCharsets.UTF_8);
        seed = AuthScrambles.trimSeed(Arrays.copyOfRange(b, Math.min(end + 1, length), length));
        byte[] response = ED25519.equals(plugin) ? Ed25519Signer.sign(settings.password(), seed)
                : initialResponse(plugin);
        channel.writePacket(response);
    }

    private void moreData(byte[] data) {
        switch (plugin) {
            case CACHING_SHA2 -> cachingSha2MoreData(data);
            case SHA256 -> channel.writePacket(RsaPasswordEncryption.encrypt(settings.password(), seed,
                    RsaPasswordEncryption.parsePem(new String(data, StandardCharsets.US_ASCII), settings.endpoint())));
            default -> throw new ProtocolException("unexpected AuthMoreData for plugin " + plugin + " from "
                    + settings.endpoint(), null, false);
        }
    }

    private void cachingSha2MoreData(byte[] data) {
        if (data.length == 1 && data[0] == 3) {
            return; // fast authentication succeeded; OK follows
        }
        if (data.length == 1 && data[0] == 4) {
            // full authentication: the server needs the password itself
            if (tls) {
                channel.writePacket(AuthScrambles.nulTerminated(settings.password()));
            } else if (settings.serverRsaPublicKeyFile() != null) {
                channel.writePacket(RsaPasswordEncryption.encrypt(settings.password(), seed, configuredKey()));
            } else {
                requirePublicKeyRetrieval();
                channel.writePacket(new byte[] {2});
            }
            return;
        }
        PublicKey key = RsaPasswordEncryption.parsePem(new String(data, StandardCharsets.US_ASCII),
                settings.endpoint());
        channel.writePacket(RsaPasswordEncryption.encrypt(settings.password(), seed, key));
    }

    private void requirePublicKeyRetrieval() {
        if (!settings.allowPublicKeyRetrieval()) {
            throw new AuthenticationException("the server at " + settings.endpoint() + " needs the password"
                    + " RSA-encrypted (" + plugin + " full authentication) but the connection has no TLS and no"
                    + " server public key is configured; use TLS, set serverRsaPublicKeyPem, or allow public key"
                    + " retrieval");
        }
    }

    private PublicKey configuredKey() {
        try {
            return RsaPasswordEncryption.parsePem(Files.readString(settings.serverRsaPublicKeyFile()),
                    settings.serverRsaPublicKeyFile().toString());
        } catch (IOException e) {
            throw new AuthenticationException("cannot read the server RSA public key "
                    + settings.serverRsaPublicKeyFile() + ": " + e.getMessage(), e);
        }
    }

    private RuntimeException loginError(ErrorPacket error) {
        String where = "logging in to " + settings.endpoint() + " as '" + settings.user() + "'";
        if (ACCESS_ERRORS.contains(error.code())) {
            String hint = switch (error.code()) {
                case 3118, 4151 -> "; the account is locked: ALTER USER ... ACCOUNT UNLOCK";
                case 1862, 1820 -> "; the password has expired: ALTER USER ... IDENTIFIED BY a new password";
                default -> "; check the user name and password";
            };
            return new AuthenticationException(where + " failed: server error " + error.code() + " ("
                    + error.sqlState() + "): " + error.message() + hint);
        }
        return error.toException(where);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to release
        }
    }
}
