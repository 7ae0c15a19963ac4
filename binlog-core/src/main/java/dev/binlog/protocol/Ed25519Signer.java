package dev.binlog.protocol;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Ed25519 signatures (RFC 8032) for MariaDB's {@code client_ed25519} plugin, which uses the whole password of any
 * length as the secret: its SHA-512 is the expanded key. The JDK's Ed25519 accepts only 32-byte keys, hence this
 * small BigInteger implementation; speed does not matter for one signature per login.
 */
final class Ed25519Signer {

    private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
    private static final BigInteger L = BigInteger.TWO.pow(252)
            .add(new BigInteger("27742317777372353535851937790883648493"));
    private static final BigInteger D = BigInteger.valueOf(-121665)
            .multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
    private static final BigInteger D2 = D.shiftLeft(1).mod(P);
    private static final BigInteger SQRT_M1 = BigInteger.TWO.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P);
    private static final Point BASE = basePoint();

    private record Point(BigInteger x, BigInteger y, BigInteger z, BigInteger t) {
    }

    private Ed25519Signer() {
    }

    /** Signs {@code message} with the key derived from {@code password}; returns R || S (64 bytes). */
    static byte[] sign(String password, byte[] message) {
        return sign(password.getBytes(StandardCharsets.UTF_8), message);
    }

    static byte[] sign(byte[] secret, byte[] message) {
        byte[] h = AuthScrambles.digest("SHA-512", secret);
        byte[] scalar = Arrays.copyOf(h, 32);
        scalar[0] &= (byte) 248;
        scalar[31] &= 127;
        scalar[31] |= 64;
        byte[] prefix = Arrays.copyOfRange(h, 32, 64);
        BigInteger a = fromLittleEndian(scalar);
        byte[] publicKey = encode(multiply(BASE, a));
        BigInteger r = fromLittleEndian(AuthScrambles.digest("SHA-512", prefix, message)).mod(L);
        byte[] encodedR = encode(multiply(BASE, r));
        BigInteger k = fromLittleEndian(AuthScrambles.digest("SHA-512", encodedR, publicKey, message)).mod(L);
        BigInteger s = r.add(k.multiply(a)).mod(L);
        byte[] signature = Arrays.copyOf(encodedR, 64);
        System.arraycopy(toLittleEndian(s), 0, signature, 32, 32);
        return signature;
    }

    private static Point basePoint() {
        BigInteger y = BigInteger.valueOf(4).multiply(BigInteger.valueOf(5).modInverse(P)).mod(P);
        BigInteger x = recoverX(y);
        return new Point(x, y, BigInteger.ONE, x.multiply(y).mod(P));
    }

    private static BigInteger recoverX(BigInteger y) {
        BigInteger y2 = y.multiply(y);
        BigInteger x2 = y2.subtract(BigInteger.ONE).multiply(D.multiply(y2).add(BigInteger.ONE).modInverse(P)).mod(P);
        BigInteger x = x2.modPow(P.add(BigInteger.valueOf(3)).shiftRight(3), P);
        if (!x.multiply(x).subtract(x2).mod(P).equals(BigInteger.ZERO)) {
            x = x.multiply(SQRT_M1).mod(P);
        }
        return x.testBit(0) ? P.subtract(x) : x;
    }

    private static Point add(Point p, Point q) {
        BigInteger a = p.y.subtract(p.x).multiply(q.y.subtract(q.x)).mod(P);
        BigInteger b = p.y.add(p.x).multiply(q.y.add(q.x)).mod(P);
        BigInteger c = p.t.multiply(D2).multiply(q.t).mod(P);
        BigInteger d = p.z.shiftLeft(1).multiply(q.z).mod(P);
        BigInteger e = b.subtract(a);
        BigInteger f = d.subtract(c);
        BigInteger g = d.add(c);
        BigInteger h = b.add(a);
        return new Point(e.multiply(f).mod(P), g.multiply(h).mod(P), f.multiply(g).mod(P), e.multiply(h).mod(P));
    }

    private static Point multiply(Point point, BigInteger scalar) {
        Point result = new Point(BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE, BigInteger.ZERO);
        for (int i = scalar.bitLength() - 1; i >= 0; i--) {
            result = add(result, result);
            if (scalar.testBit(i)) {
                result = add(result, point);
            }
        }
        return result;
    }

    private static byte[] encode(Point point) {
        BigInteger zInv = point.z.modInverse(P);
        BigInteger x = point.x.multiply(zInv).mod(P);
        BigInteger y = point.y.multiply(zInv).mod(P);
        byte[] out = toLittleEndian(y);
        if (x.testBit(0)) {
            out[31] |= (byte) 0x80;
        }
        return out;
    }

    private static BigInteger fromLittleEndian(byte[] bytes) {
        byte[] be = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            be[i] = bytes[bytes.length - 1 - i];
        }
        return new BigInteger(1, be);
    }

    private static byte[] toLittleEndian(BigInteger value) {
        byte[] be = value.toByteArray();
        byte[] out = new byte[32];
        for (int i = 0; i < 32 && i < be.length; i++) {
            out[i] = be[be.length - 1 - i];
        }
        return out;
    }
}
