package dev.binlog.protocol;

import dev.binlog.ConfigurationException;
import dev.binlog.TlsMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * How to reach and log in to a server. Immutable; build with {@link #builder()}. Defaults: port 3306, TLS
 * {@link TlsMode#PREFERRED}, connect timeout 10 s, read timeout 30 s (for queries; a replication stream uses twice
 * the heartbeat period instead), public key retrieval off (as in MySQL's own clients: allowing it lets a
 * man-in-the-middle offer its own key).
 *
 * @param host server host name or address
 * @param port TCP port
 * @param user account name
 * @param password account password ({@code ""} for none); never printed by {@link #toString()}
 * @param tlsMode see {@link TlsMode}
 * @param tlsCaPem PEM file with the CA certificate(s) that sign the server certificate, or {@code null}
 * @param trustStore key store file with trusted CAs (used when {@code tlsCaPem} is {@code null}), or {@code null}
 *     for the JDK's default CAs
 * @param trustStorePassword its password, or {@code null}
 * @param clientKeyStore PKCS#12 key store with the client certificate and key, or {@code null}
 * @param clientKeyStorePassword its password, or {@code null}
 * @param clientCertificatePem PEM file with the client certificate (chain), used with {@code clientKeyPem} when no
 *     key store is given, or {@code null}
 * @param clientKeyPem PEM file with the client's unencrypted private key (PKCS#8 or PKCS#1 RSA), or {@code null}
 * @param sslContext a TLS context built by the application (e.g. from a Spring Boot SSL bundle); when given it is
 *     used as it is and the CA, trust store and client key settings are ignored; {@code null} for none
 * @param serverRsaPublicKeyPem the server's RSA public key (PEM) for {@code caching_sha2_password} or
 *     {@code sha256_password} full authentication without TLS, or {@code null}
 * @param allowPublicKeyRetrieval whether the client may ask the server for its RSA public key
 * @param connectTimeout TCP connect and login timeout
 * @param readTimeout how long a query may wait for the server
 */
public record ConnectionSettings(String host, int port, String user, String password, TlsMode tlsMode,
        Path tlsCaPem, Path trustStore, String trustStorePassword, Path clientKeyStore, String clientKeyStorePassword,
        Path clientCertificatePem, Path clientKeyPem, SSLContext sslContext, Path serverRsaPublicKeyPem,
        boolean allowPublicKeyRetrieval, Duration connectTimeout, Duration readTimeout) {

    public ConnectionSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(tlsMode, "tlsMode");
        password = password == null ? "" : password;
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not a TCP port (1-65535)");
        }
        if ((clientCertificatePem == null) != (clientKeyPem == null)) {
            throw new ConfigurationException("a client certificate needs both its certificate and its key file");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.host = host;
        b.port = port;
        b.user = user;
        b.password = password;
        b.tlsMode = tlsMode;
        b.tlsCaPem = tlsCaPem;
        b.trustStore = trustStore;
        b.trustStorePassword = trustStorePassword;
        b.clientKeyStore = clientKeyStore;
        b.clientKeyStorePassword = clientKeyStorePassword;
        b.clientCertificatePem = clientCertificatePem;
        b.clientKeyPem = clientKeyPem;
        b.sslContext = sslContext;
        b.serverRsaPublicKeyPem = serverRsaPublicKeyPem;
        b.allowPublicKeyRetrieval = allowPublicKeyRetrieval;
        b.connectTimeout = connectTimeout;
        b.readTimeout = readTimeout;
        return b;
    }

    /** {@code host:port}, as used in messages. */
    public String endpoint() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return "ConnectionSettings[" + user + "@" + endpoint() + ", tls=" + tlsMode + "]";
    }

    /** Builder of {@link ConnectionSettings}; see the record for defaults. */
    public static final class Builder {
        private String host = "localhost";
        private int port = 3306;
        private String user;
        private String password = "";
        private TlsMode tlsMode = TlsMode.PREFERRED;
        private Path tlsCaPem;
        private Path trustStore;
        private String trustStorePassword;
        private Path clientKeyStore;
        private String clientKeyStorePassword;
        private Path clientCertificatePem;
        private Path clientKeyPem;
        private SSLContext sslContext;
        private Path serverRsaPublicKeyPem;
        private boolean allowPublicKeyRetrieval;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(30);

        private Builder() {
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder user(String user) {
            this.user = user;
            return this;
        }

        public Builder password(String password) {
            this.password = password;
            return this;
        }

        public Builder tlsMode(TlsMode tlsMode) {
            this.tlsMode = tlsMode;
            return this;
        }

        public Builder tlsCaPem(Path tlsCaPem) {
            this.tlsCaPem = tlsCaPem;
            return this;
        }

        public Builder trustStore(Path trustStore, String password) {
            this.trustStore = trustStore;
            this.trustStorePassword = password;
            return this;
        }

        public Builder clientKeyStore(Path keyStore, String password) {
            this.clientKeyStore = keyStore;
            this.clientKeyStorePassword = password;
            return this;
        }

        /** Client certificate (chain) and its unencrypted private key, both PEM files. */
        public Builder clientCertificatePem(Path certificate, Path key) {
            this.clientCertificatePem = certificate;
            this.clientKeyPem = key;
            return this;
        }

        /** A ready TLS context; see the record. */
        public Builder sslContext(SSLContext context) {
            this.sslContext = context;
            return this;
        }

        public Builder serverRsaPublicKeyPem(Path pem) {
            this.serverRsaPublicKeyPem = pem;
            return this;
        }

        public Builder allowPublicKeyRetrieval(boolean allow) {
            this.allowPublicKeyRetrieval = allow;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        public ConnectionSettings build() {
            return new ConnectionSettings(host, port, user, password, tlsMode, tlsCaPem, trustStore,
                    trustStorePassword, clientKeyStore, clientKeyStorePassword, clientCertificatePem, clientKeyPem,
                    sslContext, serverRsaPublicKeyPem,
                    allowPublicKeyRetrieval, connectTimeout, readTimeout);
        }
    }
}
