package io.quern.common.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM files of certificates and of unencrypted PKCS#8 private keys, with the JDK alone. Each
 * failure is an {@link IllegalArgumentException} whose message names the file and what is wrong
 * with it, which the CLI shows as its one line.
 */
public final class Pem {
    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    private static final String PRIVATE_KEY = "PRIVATE KEY";
    private static final String CERTIFICATE = "CERTIFICATE";

    private Pem() {}

    /** The certificates in a PEM file, in file order; at least one. */
    public static List<X509Certificate> certificates(Path file) {
        List<X509Certificate> certs = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (byte[] der : blocks(file, CERTIFICATE)) {
                certs.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException(file + ": not a valid X.509 certificate (" + e.getMessage() + ")");
        }
        if (certs.isEmpty()) {
            throw new IllegalArgumentException(file + ": holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return certs;
    }

    /** The one private key in a PEM file: PKCS#8, unencrypted, EC or RSA. */
    public static PrivateKey privateKey(Path file) {
        List<byte[]> keys = blocks(file, PRIVATE_KEY);
        if (keys.size() != 1) {
            throw new IllegalArgumentException(file + ": expected one unencrypted PKCS#8 key"
                    + " (-----BEGIN PRIVATE KEY-----), found " + keys.size());
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(keys.get(0));
        for (String algorithm : new String[] {"EC", "RSA"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException(file + ": not an EC or RSA private key");
    }

    /** One PEM block of {@code type} holding {@code der}, lines of 64 characters. */
    public static String encode(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    /** A PKCS#8 private key as PEM. */
    public static String encodePrivateKey(PrivateKey key) {
        if (!"PKCS#8".equals(key.getFormat())) {
            throw new IllegalArgumentException("not a PKCS#8 key: " + key.getFormat());
        }
        return encode(PRIVATE_KEY, key.getEncoded());
    }

    public static String encodeCertificate(X509Certificate cert) {
        try {
            return encode(CERTIFICATE, cert.getEncoded());
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<byte[]> blocks(Path file, String type) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        List<byte[]> found = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(type)) {
                try {
                    found.add(Base64.getMimeDecoder().decode(m.group(2)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(file + ": a " + type + " block that is not base64");
                }
            } else if (type.equals(PRIVATE_KEY) && m.group(1).endsWith(PRIVATE_KEY)) {
                throw new IllegalArgumentException(file + ": a " + m.group(1) + " block; convert it to unencrypted"
                        + " PKCS#8 (openssl pkcs8 -topk8 -nocrypt)");
            }
        }
        return found;
    }
}
