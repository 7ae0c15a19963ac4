package dev.binlog.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AuthScramblesTest {

    /** Seed "abcdefghijklmnopqrst" (20 bytes) with password "secret"; expected values worked out with sha1sum and
     * sha256sum from the algorithm definitions in the protocol documentation. */
    private static final byte[] SEED = "abcdefghijklmnopqrst".getBytes(StandardCharsets.US_ASCII);

    @Test
    void nativePasswordScramble() {
        assertThat(HexFormat.of().formatHex(AuthScrambles.nativePassword("secret", SEED)))
                .isEqualTo(NATIVE_EXPECTED);
    }

    @Test
    void cachingSha2Scramble() {
        assertThat(HexFormat.of().formatHex(AuthScrambles.cachingSha2("secret", SEED)))
                .isEqualTo(SHA2_EXPECTED);
    }

    @Test
    void emptyPasswordSendsNothing() {
        assertThat(AuthScrambles.nativePassword("", SEED)).isEmpty();
        assertThat(AuthScrambles.cachingSha2("", SEED)).isEmpty();
    }

    @Test
    void passwordXorSeedIsNulTerminated() {
        // "ab" cancels "ab"; the NUL takes the third seed byte, "c"
        assertThat(HexFormat.of().formatHex(AuthScrambles.xorWithSeed("ab", SEED))).isEqualTo("000063");
    }

    @Test
    void trailingNulIsNotPartOfTheSeed() {
        assertThat(AuthScrambles.trimSeed(new byte[] {1, 2, 0})).containsExactly(1, 2);
    }

    @Test
    void ed25519MatchesRfc8032TestVector1() {
        byte[] secret = HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");

        assertThat(HexFormat.of().formatHex(Ed25519Signer.sign(secret, new byte[0]))).isEqualTo(
                "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
    }

    @Test
    void ed25519WithA32BytePasswordEqualsTheJdkSignature() throws Exception {
        String password = "0123456789abcdef0123456789abcdef";
        byte[] message = "32-byte scramble from the server".getBytes(StandardCharsets.US_ASCII);
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initSign(KeyFactory.getInstance("Ed25519").generatePrivate(
                new EdECPrivateKeySpec(NamedParameterSpec.ED25519, password.getBytes(StandardCharsets.US_ASCII))));
        jdk.update(message);

        assertThat(Ed25519Signer.sign(password, message)).isEqualTo(jdk.sign());
    }

    private static final String NATIVE_EXPECTED = "8817c50fa779daef010ee7577825b0847df9842e";
    private static final String SHA2_EXPECTED = "c76e2898612a4cf042c77fa8c4702c4c64c0c2c557c53c4d75595aaa6abae809";
}
