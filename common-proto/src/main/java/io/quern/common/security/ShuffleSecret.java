package io.quern.common.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A job's shuffle secret: 256 random bits made by the coordinator when it admits the job. Only the
 * coordinator and the workers that run the job's tasks hold it. A reducer never sends it: it sends
 * an HMAC-SHA256 of its request under the secret ({@link #sign}), so a captured request reveals
 * neither the secret nor a way to ask for another segment. Never printed: {@link #toString} hides
 * the bytes, so a secret that reaches a log or a status line by mistake shows nothing. Immutable
 * and thread-safe.
 */
public final class ShuffleSecret {
    public static final int BYTES = 32;
    private static final String MAC = "HmacSHA256";

    private final byte[] key;

    private ShuffleSecret(byte[] key) {
        this.key = key;
    }

    /** A fresh secret from {@code random} (a {@link SecureRandom} in production). */
    public static ShuffleSecret random(SecureRandom random) {
        byte[] b = new byte[BYTES];
        random.nextBytes(b);
        return new ShuffleSecret(b);
    }

    /** The secret of these bytes (as {@link #bytes()} gave them, received in an assignment). */
    public static ShuffleSecret of(byte[] bytes) {
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("a shuffle secret has " + BYTES + " bytes, not " + bytes.length);
        }
        return new ShuffleSecret(bytes.clone());
    }

    /** A copy of the secret's bytes, for the assignment message; never for a log. */
    public byte[] bytes() {
        return key.clone();
    }

    /** The HMAC-SHA256 of {@code message} under this secret. */
    public byte[] sign(String message) {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(new SecretKeySpec(key, MAC));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /**
     * Whether {@code mac} is this secret's signature of {@code message}. The comparison takes the
     * same time wherever the bytes differ ({@link MessageDigest#isEqual}), so response times do not
     * reveal how much of a forged signature is right.
     */
    public boolean verify(String message, byte[] mac) {
        return mac != null && MessageDigest.isEqual(sign(message), mac);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ShuffleSecret s && MessageDigest.isEqual(key, s.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "ShuffleSecret[hidden]";
    }
}
