package dev.binlog.testsupport;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away CA, a server certificate for 127.0.0.1 / localhost and a client certificate it signed, written as PEM
 * files; the client key both as PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) and as PKCS#8 ({@code BEGIN PRIVATE KEY}).
 */
public record TestCertificates(Path caPem, Path serverCertPem, Path serverKeyPem, Path clientCertPem, Path clientKeyPkcs1Pem,
        Path clientKeyPkcs8Pem) {

    public static TestCertificates create(Path dir, String caName) throws Exception {
        return create(dir, caName, "localhost", "127.0.0.1");
    }

    /**
     * As {@link #create(Path, String)}, with a server certificate naming only {@code serverNames} (host names, or IPv4
     * literals as IP address entries): a certificate for another host, for tests of host name verification.
     */
    public static TestCertificates create(Path dir, String caName, String... serverNames) throws Exception {
        Files.createDirectories(dir);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair caKeys = generator.generateKeyPair();
        KeyPair serverKeys = generator.generateKeyPair();
        KeyPair clientKeys = generator.generateKeyPair();
        X500Name caSubject = new X500Name("CN=" + caName);
        Instant now = Instant.now();
        X509Certificate ca = sign(new JcaX509v3CertificateBuilder(caSubject, BigInteger.ONE,
                Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(1, ChronoUnit.DAYS)), caSubject,
                caKeys.getPublic()).addExtension(Extension.basicConstraints, true, new BasicConstraints(true)),
                caKeys);
        X509Certificate server = sign(new JcaX509v3CertificateBuilder(caSubject, BigInteger.TWO,
                Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(1, ChronoUnit.DAYS)),
                new X500Name("CN=" + serverNames[0]), serverKeys.getPublic())
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(generalNames(serverNames))),
                caKeys);
        X509Certificate client = sign(new JcaX509v3CertificateBuilder(caSubject, BigInteger.valueOf(3),
                Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(1, ChronoUnit.DAYS)),
                new X500Name("CN=binlog client"), clientKeys.getPublic()), caKeys);
        TestCertificates files = new TestCertificates(dir.resolve("ca.pem"), dir.resolve("server-cert.pem"),
                dir.resolve("server-key.pem"), dir.resolve("client-cert.pem"), dir.resolve("client-key.pem"),
                dir.resolve("client-key-pkcs8.pem"));
        write(files.caPem(), ca);
        write(files.serverCertPem(), server);
        write(files.serverKeyPem(), serverKeys.getPrivate());
        write(files.clientCertPem(), client);
        write(files.clientKeyPkcs1Pem(), clientKeys.getPrivate());
        write(files.clientKeyPkcs8Pem(), new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(
                clientKeys.getPrivate(), null).generate());
        return files;
    }

    private static GeneralName[] generalNames(String... names) {
        GeneralName[] general = new GeneralName[names.length];
        for (int i = 0; i < names.length; i++) {
            boolean ip = names[i].matches("[0-9]+(\\.[0-9]+){3}");
            general[i] = new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, names[i]);
        }
        return general;
    }

    /** A TLS server context presenting this server certificate and key (for a fake server such as HostileServer). */
    public javax.net.ssl.SSLContext serverContext() throws Exception {
        X509Certificate cert;
        try (var in = Files.newInputStream(serverCertPem)) {
            cert = (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        java.security.PrivateKey key;
        try (var parser = new org.bouncycastle.openssl.PEMParser(Files.newBufferedReader(serverKeyPem))) {
            Object pem = parser.readObject();
            var converter = new org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter();
            key = pem instanceof org.bouncycastle.openssl.PEMKeyPair pair ? converter.getKeyPair(pair).getPrivate()
                    : converter.getPrivateKey((org.bouncycastle.asn1.pkcs.PrivateKeyInfo) pem);
        }
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", key, "pw".toCharArray(), new X509Certificate[] {cert});
        javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance("SunX509");
        kmf.init(store, "pw".toCharArray());
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    /** A TLS server context with a fresh self-signed certificate, for the fake server. */
    public static javax.net.ssl.SSLContext selfSignedServerContext() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        X500Name subject = new X500Name("CN=fake-server");
        Instant now = Instant.now();
        X509Certificate cert = sign(new JcaX509v3CertificateBuilder(subject, BigInteger.TEN,
                Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(1, ChronoUnit.DAYS)), subject,
                keys.getPublic()), keys);
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", keys.getPrivate(), "pw".toCharArray(), new X509Certificate[] {cert});
        javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance("SunX509");
        kmf.init(store, "pw".toCharArray());
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    private static X509Certificate sign(org.bouncycastle.cert.X509v3CertificateBuilder builder, KeyPair signer) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(signer.getPrivate())));
    }

    private static void write(Path file, Object pemObject) throws IOException {
        try (Writer w = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(pemObject);
        }
    }
}
