package dev.binlog.protocol;

import dev.binlog.ConfigurationException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client certificate and its private key from the PEM files MySQL and MariaDB tooling writes ({@code client-cert.pem},
 * {@code client-key.pem}), as an in-memory key store. Keys: PKCS#8 ({@code BEGIN PRIVATE KEY}, RSA, EC or EdDSA) and
 * PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, what {@code mysql_ssl_rsa_setup} and older OpenSSL write). Encrypted keys are
 * refused with the command that removes the passphrase.
 */
final class PemClientKeys {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([^-]+)-----END \\1-----");
    private static final String[] KEY_ALGORITHMS = {"RSA", "EC", "Ed25519", "Ed448"};
    /** DER of AlgorithmIdentifier { rsaEncryption, NULL }, the fixed part of a PKCS#8 wrapper around a PKCS#1 key. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
        (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    private PemClientKeys() {
    }

    static KeyStore keyStore(Path certificateFile, Path keyFile, char[] password)
            throws GeneralSecurityException, IOException {
        Collection<? extends Certificate> chain;
        try (InputStream in = Files.newInputStream(certificateFile)) {
            chain = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (chain.isEmpty()) {
            throw new ConfigurationException("no certificate in client certificate file " + certificateFile);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("client", privateKey(keyFile), password, chain.toArray(Certificate[]::new));
        return store;
    }

    static PrivateKey privateKey(Path keyFile) throws IOException {
        Matcher block = BLOCK.matcher(Files.readString(keyFile, StandardCharsets.US_ASCII));
        while (block.find()) {
            String type = block.group(1);
            byte[] der = Base64.getMimeDecoder().decode(block.group(2).replaceAll("[^A-Za-z0-9+/=]", ""));
            switch (type) {
                case "PRIVATE KEY":
                    return pkcs8(der, keyFile);
                case "RSA PRIVATE KEY":
                    return pkcs8(wrapPkcs1(der), keyFile);
                case "ENCRYPTED PRIVATE KEY":
                    throw new ConfigurationException("client key " + keyFile + " is encrypted; write an unencrypted "
                            + "copy with: openssl pkey -in " + keyFile + " -out client-key-plain.pem");
                default:
                    // e.g. EC PARAMETERS before the key: look further
            }
        }
        throw new ConfigurationException("no private key (BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY) in " + keyFile);
    }

    private static PrivateKey pkcs8(byte[] der, Path keyFile) {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException notThisAlgorithm) {
                // try the next
            }
        }
        throw new ConfigurationException("client key " + keyFile + " is not an RSA, EC or EdDSA private key this JDK "
                + "can read");
    }

    /** PrivateKeyInfo ::= SEQUENCE { version 0, AlgorithmIdentifier rsaEncryption, OCTET STRING pkcs1 }. */
    private static byte[] wrapPkcs1(byte[] pkcs1) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(RSA_ALGORITHM);
        body.write(0x04);
        writeLength(body, pkcs1.length);
        body.writeBytes(pkcs1);
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        info.write(0x30);
        writeLength(info, body.size());
        info.writeBytes(body.toByteArray());
        return info.toByteArray();
    }

    private static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
        } else if (length <= 0xff) {
            out.write(0x81);
            out.write(length);
        } else if (length <= 0xffff) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length);
        } else {
            out.write(0x83);
            out.write(length >> 16);
            out.write(length >> 8);
            out.write(length);
        }
    }
}
