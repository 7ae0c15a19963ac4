package dev.binlog;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * How to reach and log in to a server: one value that the client, its schema reader and {@code BinlogFiles}' schema
 * server all take. Immutable; build with {@link #builder()}, where every default is documented.
 *
 * @param host server host name or address
 * @param port TCP port
 * @param user account name
 * @param password account password ({@code ""} for none); never printed by {@link #toString()}
 * @param tlsMode see {@link TlsMode}
 * @param tlsCaFile PEM file with the CA certificate(s) that sign the server certificate, or {@code null}
 * @param tlsTrustStore key store file (PKCS#12 or JKS) with trusted CAs, used when {@code tlsCaFile} is
 *     {@code null}, or {@code null} for the JDK's default CAs
 * @param tlsTrustStorePassword its password, or {@code null}
 * @param tlsClientKeyStore PKCS#12 key store with the client certificate and key, or {@code null}
 * @param tlsClientKeyStorePassword its password, or {@code null}
 * @param tlsClientCertificateFile PEM file with the client certificate (chain), used with {@code tlsClientKeyFile}
 *     when no key store is given, or {@code null}
 * @param tlsClientKeyFile PEM file with the client's unencrypted private key (PKCS#8 or PKCS#1 RSA), or {@code null}
 * @param tlsContext a TLS context built by the application (e.g. from a Spring Boot SSL bundle); when given it is
 *     used as it is and the CA, trust store and client key settings are ignored; {@code null} for none
 * @param serverRsaPublicKeyFile the server's RSA public key (PEM) for {@code caching_sha2_password} or
 *     {@code sha256_password} full authentication without TLS, or {@code null}
 * @param allowPublicKeyRetrieval whether the client may ask the server for its RSA public key
 * @param connectTimeout TCP connect timeout, and the most the whole login after it may take (greeting, TLS
 *     handshake, authentication)
 * @param readTimeout how long a query, or any one read of the login, may wait for the server (a replication stream
 *     uses twice its heartbeat interval instead)
 */
public record ServerSettings(String host, int port, String user, String password, TlsMode tlsMode, Path tlsCaFile,
        Path tlsTrustStore, String tlsTrustStorePassword, Path tlsClientKeyStore, String tlsClientKeyStorePassword,
        Path tlsClientCertificateFile, Path tlsClientKeyFile, SSLContext tlsContext, Path serverRsaPublicKeyFile,
        boolean allowPublicKeyRetrieval, Duration connectTimeout, Duration readTimeout) {

    public ServerSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tlsMode, "tlsMode");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (user == null || user.isBlank()) {
            throw new ConfigurationException("no user given: set the replication user (needs REPLICATION SLAVE,"
                    + " REPLICATION CLIENT and SELECT)");
        }
        password = password == null ? "" : password;
        if (port < 1 || port > 65535) {
            throw new ConfigurationException("port " + port + " is not a TCP port (1-65535)");
        }
        if ((tlsClientCertificateFile == null) != (tlsClientKeyFile == null)) {
            throw new ConfigurationException("a client certificate needs both its certificate and its key file");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative()
                || readTimeout.isZero()) {
            throw new ConfigurationException("timeouts must be positive (connect " + connectTimeout + ", read "
                    + readTimeout + ")");
        }
    }

    /** The same login at another host and port (another server of the same replication topology). */
    public ServerSettings withEndpoint(String otherHost, int otherPort) {
        return new ServerSettings(otherHost, otherPort, user, password, tlsMode, tlsCaFile, tlsTrustStore,
                tlsTrustStorePassword, tlsClientKeyStore, tlsClientKeyStorePassword, tlsClientCertificateFile,
                tlsClientKeyFile, tlsContext, serverRsaPublicKeyFile, allowPublicKeyRetrieval, connectTimeout,
                readTimeout);
    }

    /**
     * Parses {@code host:port}, {@code host} (port 3306) or {@code [ipv6]:port}.
     *
     * @throws ConfigurationException when it is none of these
     */
    public static java.util.Map.Entry<String, Integer> parseEndpoint(String text) {
        String value = text == null ? "" : text.trim();
        String host = value;
        int port = 3306;
        int colon = value.lastIndexOf(':');
        boolean bracketed = value.startsWith("[");
        if (bracketed) {
            int close = value.indexOf(']');
            if (close < 0) {
                throw new ConfigurationException("'" + text + "' is not host:port ([ipv6]:port for IPv6)");
            }
            host = value.substring(1, close);
            colon = value.indexOf(':', close);
        } else if (colon >= 0 && value.indexOf(':') != colon) {
            colon = -1; // a bare IPv6 address
        } else if (colon >= 0) {
            host = value.substring(0, colon);
        }
        if (colon >= 0) {
            try {
                port = Integer.parseInt(value.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new ConfigurationException("'" + text + "' has no numeric port after the colon", e);
            }
        }
        if (host.isBlank()) {
            throw new ConfigurationException("'" + text + "' names no host");
        }
        return java.util.Map.entry(host, port);
    }

    /**
     * A builder with the defaults: host {@code localhost}, port 3306, no password, TLS {@link TlsMode#PREFERRED} with
     * the JDK's CAs, connect timeout 10 s, read timeout 30 s, public key retrieval off (as in MySQL's own clients:
     * allowing it lets a man-in-the-middle offer its own key).
     */
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
        b.tlsCaFile = tlsCaFile;
        b.tlsTrustStore = tlsTrustStore;
        b.tlsTrustStorePassword = tlsTrustStorePassword;
        b.tlsClientKeyStore = tlsClientKeyStore;
        b.tlsClientKeyStorePassword = tlsClientKeyStorePassword;
        b.tlsClientCertificateFile = tlsClientCertificateFile;
        b.tlsClientKeyFile = tlsClientKeyFile;
        b.tlsContext = tlsContext;
        b.serverRsaPublicKeyFile = serverRsaPublicKeyFile;
        b.allowPublicKeyRetrieval = allowPublicKeyRetrieval;
        b.connectTimeout = connectTimeout;
        b.readTimeout = readTimeout;
        return b;
    }

    /** {@code host:port}, as used in messages. */
    public String endpoint() {
        return host + ":" + port;
    }

    /** The password is never part of the string form. */
    @Override
    public String toString() {
        return "ServerSettings[" + user + "@" + endpoint() + ", tls=" + tlsMode + "]";
    }

    /** Builder of {@link ServerSettings}; defaults at {@link ServerSettings#builder()}. */
    public static final class Builder {
        private String host = "localhost";
        private int port = 3306;
        private String user;
        private String password = "";
        private TlsMode tlsMode = TlsMode.PREFERRED;
        private Path tlsCaFile;
        private Path tlsTrustStore;
        private String tlsTrustStorePassword;
        private Path tlsClientKeyStore;
        private String tlsClientKeyStorePassword;
        private Path tlsClientCertificateFile;
        private Path tlsClientKeyFile;
        private SSLContext tlsContext;
        private Path serverRsaPublicKeyFile;
        private boolean allowPublicKeyRetrieval;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(30);

        private Builder() {
        }

        public Builder host(String value) {
            host = value;
            return this;
        }

        public Builder port(int value) {
            port = value;
            return this;
        }

        public Builder user(String value) {
            user = value;
            return this;
        }

        public Builder password(String value) {
            password = value == null ? "" : value;
            return this;
        }

        public Builder tlsMode(TlsMode value) {
            tlsMode = value;
            return this;
        }

        /** PEM file with the CA certificate(s) that sign the server's certificate (VERIFY_CA, VERIFY_IDENTITY). */
        public Builder tlsCaFile(Path value) {
            tlsCaFile = value;
            return this;
        }

        /** A key store (PKCS#12 or JKS) of trusted CAs, instead of a PEM CA file. */
        public Builder tlsTrustStore(Path keyStore, String keyStorePassword) {
            tlsTrustStore = keyStore;
            tlsTrustStorePassword = keyStorePassword;
            return this;
        }

        /** A PKCS#12 key store with the client certificate and key, for accounts {@code REQUIRE X509}. */
        public Builder tlsClientKeyStore(Path keyStore, String keyStorePassword) {
            tlsClientKeyStore = keyStore;
            tlsClientKeyStorePassword = keyStorePassword;
            return this;
        }

        /** PEM client certificate (chain) and its unencrypted private key, for accounts {@code REQUIRE X509}. */
        public Builder tlsClientCertificate(Path certificateFile, Path keyFile) {
            tlsClientCertificateFile = certificateFile;
            tlsClientKeyFile = keyFile;
            return this;
        }

        /**
         * A TLS context of the application's (e.g. from a Spring Boot SSL bundle), used as it is: its trust material
         * checks the server certificate and its key material presents a client certificate; the CA, trust store and
         * client certificate settings are then ignored. {@link #tlsMode} still decides whether TLS is used and whether
         * the host name is verified.
         */
        public Builder tlsContext(SSLContext value) {
            tlsContext = value;
            return this;
        }

        /** The server's RSA public key (PEM), for SHA-256 password authentication without TLS. */
        public Builder serverRsaPublicKeyFile(Path value) {
            serverRsaPublicKeyFile = value;
            return this;
        }

        /**
         * Lets the client ask the server for its RSA public key when SHA-256 authentication needs it without TLS;
         * off by default, as a man-in-the-middle could offer its own key.
         */
        public Builder allowPublicKeyRetrieval(boolean value) {
            allowPublicKeyRetrieval = value;
            return this;
        }

        /** TCP connect timeout, and the most the whole login after it may take. */
        public Builder connectTimeout(Duration value) {
            connectTimeout = value;
            return this;
        }

        /**
         * How long a query (preflight, {@code information_schema}), or any one read of the login (greeting, TLS
         * handshake, authentication), may wait for the server.
         */
        public Builder readTimeout(Duration value) {
            readTimeout = value;
            return this;
        }

        public ServerSettings build() {
            return new ServerSettings(host, port, user, password, tlsMode, tlsCaFile, tlsTrustStore,
                    tlsTrustStorePassword, tlsClientKeyStore, tlsClientKeyStorePassword, tlsClientCertificateFile,
                    tlsClientKeyFile, tlsContext, serverRsaPublicKeyFile, allowPublicKeyRetrieval, connectTimeout,
                    readTimeout);
        }
    }
}
