package dev.binlog.protocol;

import dev.binlog.AuthenticationException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import javax.crypto.Cipher;

/** Encrypts a password for the server's RSA key, as {@code caching_sha2_password} and {@code sha256_password} do. */
final class RsaPasswordEncryption {

    private RsaPasswordEncryption() {
    }

    static PublicKey parsePem(String pem, String source) {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new AuthenticationException("the RSA public key from " + source + " is not a PEM"
                    + " \"BEGIN PUBLIC KEY\" RSA key: " + e.getMessage(), e);
        }
    }

    /** RSA-OAEP (SHA-1, MGF1) of the NUL-terminated password XOR-ed with the seed. */
    static byte[] encrypt(String password, byte[] seed, PublicKey key) {
        try {
            Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
            cipher.init(Cipher.ENCRYPT_MODE, key);
            return cipher.doFinal(AuthScrambles.xorWithSeed(password, seed));
        } catch (GeneralSecurityException e) {
            throw new AuthenticationException("cannot RSA-encrypt the password: " + e.getMessage(), e);
        }
    }
}
