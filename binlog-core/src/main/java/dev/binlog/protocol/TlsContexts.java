package dev.binlog.protocol;

import dev.binlog.ConfigurationException;
import dev.binlog.ServerSettings;
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

    static SSLSocket wrap(Socket plain, ServerSettings settings) throws IOException {
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

    /**
     * What to do about a failed TLS handshake: under {@link TlsMode#VERIFY_IDENTITY} a certificate that does not name
     * the host asks for another host name, not another CA.
     */
    static String failureHint(IOException failure, ServerSettings settings) {
        if (!settings.tlsMode().verifiesCertificate()) {
            return "";
        }
        if (settings.tlsMode() == TlsMode.VERIFY_IDENTITY && hostNameMismatch(failure)) {
            return "; host name verification failed: the server certificate does not name the host name "
                    + settings.host() + "; connect with a name or address the certificate lists (its subject"
                    + " alternative names), or use TlsMode.VERIFY_CA to check the CA alone";
        }
        return "; check that the configured CA signed the server certificate";
    }

    /** The JDK's host name check fails with a CertificateException "No subject alternative ... matching ...". */
    private static boolean hostNameMismatch(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.security.cert.CertificateException && t.getMessage() != null
                    && (t.getMessage().startsWith("No subject alternative") || t.getMessage().startsWith("No name"))
                    && t.getMessage().contains("matching")) {
                return true;
            }
        }
        return false;
    }

    private static SSLContext context(ServerSettings settings) {
        if (settings.tlsContext() != null) {
            return settings.tlsContext();
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

    private static KeyManager[] keyManagers(ServerSettings settings) throws GeneralSecurityException, IOException {
        KeyStore store;
        char[] password;
        if (settings.tlsClientKeyStore() != null) {
            password = chars(settings.tlsClientKeyStorePassword());
            store = KeyStore.getInstance(settings.tlsClientKeyStore().toFile(), password);
        } else if (settings.tlsClientCertificateFile() != null) {
            password = new char[0];
            store = PemClientKeys.keyStore(settings.tlsClientCertificateFile(), settings.tlsClientKeyFile(), password);
        } else {
            return null;
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        return factory.getKeyManagers();
    }

    private static TrustManager verifying(ServerSettings settings) throws GeneralSecurityException, IOException {
        KeyStore store = null;
        if (settings.tlsCaFile() != null) {
            store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            try (InputStream in = Files.newInputStream(settings.tlsCaFile())) {
                int i = 0;
                for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    store.setCertificateEntry("ca-" + i++, cert);
                }
                if (i == 0) {
                    throw new ConfigurationException("no certificate in CA file " + settings.tlsCaFile());
                }
            }
        } else if (settings.tlsTrustStore() != null) {
            store = KeyStore.getInstance(settings.tlsTrustStore().toFile(), chars(settings.tlsTrustStorePassword()));
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
