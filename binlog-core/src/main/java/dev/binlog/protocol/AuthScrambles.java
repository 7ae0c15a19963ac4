package dev.binlog.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/** The password transformations of the authentication plugins; pure functions, no I/O. */
final class AuthScrambles {

    private AuthScrambles() {
    }

    /** Servers end the 20-byte seed with a NUL that is not part of it. */
    static byte[] trimSeed(byte[] seed) {
        return seed.length > 0 && seed[seed.length - 1] == 0 ? Arrays.copyOf(seed, seed.length - 1) : seed;
    }

    /** {@code mysql_native_password}: SHA1(password) XOR SHA1(seed + SHA1(SHA1(password))); empty for no password. */
    static byte[] nativePassword(String password, byte[] seed) {
        if (password.isEmpty()) {
            return new byte[0];
        }
        byte[] stage1 = digest("SHA-1", password.getBytes(StandardCharsets.UTF_8));
        byte[] stage2 = digest("SHA-1", stage1);
        byte[] mix = digest("SHA-1", seed, stage2);
        return xor(stage1, mix);
    }

    /**
     * {@code caching_sha2_password} fast path: SHA256(password) XOR SHA256(SHA256(SHA256(password)) + seed); empty
     * for no password.
     */
    static byte[] cachingSha2(String password, byte[] seed) {
        if (password.isEmpty()) {
            return new byte[0];
        }
        byte[] stage1 = digest("SHA-256", password.getBytes(StandardCharsets.UTF_8));
        byte[] stage2 = digest("SHA-256", stage1);
        byte[] mix = digest("SHA-256", stage2, seed);
        return xor(stage1, mix);
    }

    /** The password, NUL-terminated, XOR-ed with the seed repeated: what gets RSA-encrypted. */
    static byte[] xorWithSeed(String password, byte[] seed) {
        byte[] pw = nulTerminated(password);
        byte[] out = new byte[pw.length];
        for (int i = 0; i < pw.length; i++) {
            out[i] = (byte) (pw[i] ^ seed[i % seed.length]);
        }
        return out;
    }

    static byte[] nulTerminated(String password) {
        byte[] pw = password.getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(pw, pw.length + 1);
    }

    private static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }

    static byte[] digest(String algorithm, byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            for (byte[] part : parts) {
                md.update(part);
            }
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " missing from the JDK", e);
        }
    }
}
