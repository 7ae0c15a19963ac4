package dev.binlog.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.binlog.ConfigurationException;
import dev.binlog.testsupport.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemClientKeysTest {

    @TempDir
    Path dir;

    @Test
    void pkcs1AndPkcs8FilesOfOneKeyReadAsTheSameKey() throws Exception {
        TestCertificates files = TestCertificates.create(dir, "CA");
        assertThat(Files.readString(files.clientKeyPkcs1Pem())).contains("BEGIN RSA PRIVATE KEY");
        assertThat(Files.readString(files.clientKeyPkcs8Pem())).contains("BEGIN PRIVATE KEY");

        PrivateKey fromPkcs1 = PemClientKeys.privateKey(files.clientKeyPkcs1Pem());
        PrivateKey fromPkcs8 = PemClientKeys.privateKey(files.clientKeyPkcs8Pem());

        assertThat(fromPkcs1.getAlgorithm()).isEqualTo("RSA");
        assertThat(fromPkcs1.getEncoded()).isEqualTo(fromPkcs8.getEncoded());
        KeyStore store = PemClientKeys.keyStore(files.clientCertPem(), files.clientKeyPkcs1Pem(), new char[0]);
        assertThat(store.getCertificateChain("client")).hasSize(1);
    }

    @Test
    void encryptedOrMissingKeysAreRefusedWithWhatToDo() throws Exception {
        Path encrypted = dir.resolve("enc.pem");
        Files.writeString(encrypted, "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n");
        assertThatThrownBy(() -> PemClientKeys.privateKey(encrypted)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("is encrypted").hasMessageContaining("openssl pkey -in");
        Path certificateOnly = dir.resolve("cert.pem");
        Files.writeString(certificateOnly, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        assertThatThrownBy(() -> PemClientKeys.privateKey(certificateOnly)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("no private key");
    }
}
