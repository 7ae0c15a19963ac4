package dev.binlog.protocol;

import dev.binlog.ConfigurationException;
import dev.binlog.TlsMode;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/** Builds the TLS layer for a connection from its settings and wraps the connected socket. */
final class TlsContexts {

    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private TlsContexts() {
    }

    static SSLSocket wrap(Socket plain, ConnectionSettings settings) throws IOException {
        SSLContext context = context(settings);
        SSLSocket socket = (SSLSocket) context.getSocketFactory()
                .createSocket(plain, settings.host(), settings.port(), true);
        socket.setUseClientMode(true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setProtocols(PROTOCOLS);
        if (settings.tlsMode() == TlsMode.VERIFY_IDENTITY) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    private static SSLContext context(ConnectionSettings settings) {
        if (settings.sslContext() != null) {
            return settings.sslContext();
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            TrustManager trust = settings.tlsMode().verifiesCertificate() ? verifying(settings) : new TrustAll();
            context.init(keyManagers(settings), new TrustManager[] {trust}, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new ConfigurationException("cannot set up TLS for " + settings.endpoint() + ": " + e.getMessage()
                    + "; check the CA, trust store and client key store settings", e);
        }
    }

    private static KeyManager[] keyManagers(ConnectionSettings settings) throws GeneralSecurityException, IOException {
        KeyStore store;
        char[] password;
        if (settings.clientKeyStore() != null) {
            password = chars(settings.clientKeyStorePassword());
            store = KeyStore.getInstance(settings.clientKeyStore().toFile(), password);
        } else if (settings.clientCertificatePem() != null) {
            password = new char[0];
            store = PemClientKeys.keyStore(settings.clientCertificatePem(), settings.clientKeyPem(), password);
        } else {
            return null;
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        return factory.getKeyManagers();
    }

    private static TrustManager verifying(ConnectionSettings settings) throws GeneralSecurityException, IOException {
        KeyStore store = null;
        if (settings.tlsCaPem() != null) {
            store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            try (InputStream in = Files.newInputStream(settings.tlsCaPem())) {
                int i = 0;
                for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    store.setCertificateEntry("ca-" + i++, cert);
                }
                if (i == 0) {
                    throw new ConfigurationException("no certificate in CA file " + settings.tlsCaPem());
                }
            }
        } else if (settings.trustStore() != null) {
            store = KeyStore.getInstance(settings.trustStore().toFile(), chars(settings.trustStorePassword()));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager available");
    }

    private static char[] chars(String password) {
        return password == null ? null : password.toCharArray();
    }

    /** REQUIRED and PREFERRED encrypt without authenticating the server, like MySQL's --ssl-mode of that name. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

}
