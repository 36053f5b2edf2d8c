package io.quern.deploy.certs;

import io.quern.common.tls.Pem;
import io.quern.common.tls.Role;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A cluster's certificate authority: its self-signed certificate and key, and the certificates it
 * issues. Keys are EC P-256, signatures SHA-256 with ECDSA. An issued certificate carries its
 * holder's name as the subject's common name (and the role as its organizational unit, for
 * people reading it), the role as the subject alternative name URI {@code quern:role:ROLE}
 * (which servers check), and its hosts as DNS and IP subject alternative names (which the
 * callers' host name checks need). Immutable.
 */
final class CertificateAuthority {
    /** A certificate's name: a file name and a common name, nothing to escape in either. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern DNS_NAME = Pattern.compile(
            "(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final String SIGNATURE = "SHA256withECDSA";
    private static final String ORGANIZATION = "Quern";

    private final X509Certificate certificate;
    private final PrivateKey key;
    private final Clock clock;
    private final SecureRandom random;

    private CertificateAuthority(X509Certificate certificate, PrivateKey key, Clock clock, SecureRandom random) {
        this.certificate = Objects.requireNonNull(certificate);
        this.key = Objects.requireNonNull(key);
        this.clock = clock;
        this.random = random;
    }

    /** A new CA named {@code name}, valid from now for {@code validity}. */
    static CertificateAuthority create(String name, Duration validity, Clock clock, SecureRandom random) {
        KeyPair pair = newKeyPair(random);
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, ORGANIZATION).addRDN(BCStyle.CN, name).build();
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = builder(subject, subject, pair.getPublic(), validity, clock, random)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            ext.createSubjectKeyIdentifier(pair.getPublic()));
            return new CertificateAuthority(sign(b, pair.getPrivate()), pair.getPrivate(), clock, random);
        } catch (CertIOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the CA certificate: " + e.getMessage(), e);
        }
    }

    /** Reads a CA from its certificate and key files, as {@link #create} and {@code quern certs ca} wrote them. */
    static CertificateAuthority load(Path crt, Path key, Clock clock, SecureRandom random) {
        X509Certificate cert = Pem.certificates(crt).get(0);
        if (cert.getBasicConstraints() < 0) {
            throw new IllegalArgumentException(crt + ": not a CA certificate");
        }
        return new CertificateAuthority(cert, Pem.privateKey(key), clock, random);
    }

    X509Certificate certificate() {
        return certificate;
    }

    PrivateKey key() {
        return key;
    }

    /**
     * A certificate for {@code name} in {@code role}, valid for {@code hosts} (names and IP
     * addresses) from now for {@code validity}, with a new key.
     *
     * @throws IllegalArgumentException for a bad name or host
     */
    Issued issue(String name, Role role, List<String> hosts, Duration validity) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("--name '" + name + "' is not 1 to 64 of letters, digits, '.', '_'"
                    + " and '-', starting with a letter or digit");
        }
        List<GeneralName> sans = new ArrayList<>();
        sans.add(new GeneralName(GeneralName.uniformResourceIdentifier, role.uri()));
        for (String host : hosts) {
            sans.add(hostName(host));
        }
        KeyPair pair = newKeyPair(random);
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, ORGANIZATION)
                .addRDN(BCStyle.OU, role.label()).addRDN(BCStyle.CN, name).build();
        KeyPurposeId[] purposes = role == Role.CLIENT ? new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth}
                : new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth};
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X500Name issuer = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
            X509v3CertificateBuilder b = builder(issuer, subject, pair.getPublic(), validity, clock, random)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes))
                    .addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(sans.toArray(GeneralName[]::new)))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            ext.createSubjectKeyIdentifier(pair.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            ext.createAuthorityKeyIdentifier(certificate));
            return new Issued(sign(b, key), pair.getPrivate());
        } catch (CertIOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the certificate: " + e.getMessage(), e);
        }
    }

    /** A certificate and its private key. */
    record Issued(X509Certificate certificate, PrivateKey key) {
        Issued {
            Objects.requireNonNull(certificate);
            Objects.requireNonNull(key);
        }
    }

    private static GeneralName hostName(String host) {
        var v4 = IPV4.matcher(host);
        if (v4.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(v4.group(i)) > 255) {
                    throw new IllegalArgumentException("--host " + host + " is not an IPv4 address");
                }
            }
            return new GeneralName(GeneralName.iPAddress, host);
        }
        if (host.contains(":")) {
            String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            if (!literal.matches("[0-9A-Fa-f:.]+")) {
                throw new IllegalArgumentException("--host " + host + " is not an IPv6 address");
            }
            return new GeneralName(GeneralName.iPAddress, literal);
        }
        if (!DNS_NAME.matcher(host).matches() || host.length() > 253) {
            throw new IllegalArgumentException("--host '" + host + "' is neither a host name nor an IP address");
        }
        return new GeneralName(GeneralName.dNSName, host);
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey key, Duration validity,
                                                    Clock clock, SecureRandom random) {
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("--days must be at least 1");
        }
        // Back-dated a little, so a host whose clock is a minute behind accepts it at once.
        Instant now = clock.instant();
        Date from = Date.from(now.minus(Duration.ofMinutes(5)));
        Date to = Date.from(now.plus(validity));
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(127, random).add(BigInteger.ONE), from, to,
                subject, key);
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey signer) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder(SIGNATURE)
                    .build(signer)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e.getMessage(), e);
        }
    }

    private static KeyPair newKeyPair(SecureRandom random) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), random);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no EC P-256 key generator in this JVM", e);
        }
    }
}
