package io.quern.common.tls;

import io.grpc.netty.GrpcSslContexts;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLException;

/**
 * What one process needs for mutual TLS: the cluster's CA certificate, which every peer's
 * certificate must be signed by, and this process's own certificate and private key. Read and
 * checked once, at start-up, so a bad file stops the process at once with one line naming the
 * file rather than failing every connection later.
 *
 * <p>Servers built with it require a client certificate signed by the CA; channels present their
 * own and check the server's against the CA and the host name they dial.
 *
 * @param ca the cluster's CA certificate
 * @param chain this process's certificate first, then any intermediates
 * @param key the private key of {@code chain.get(0)}
 * @param identity the name and role that {@code chain.get(0)} carries
 */
public record TlsConfig(X509Certificate ca, List<X509Certificate> chain, PrivateKey key, PeerIdentity identity) {
    public TlsConfig {
        Objects.requireNonNull(ca, "ca");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("no certificate");
        }
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(identity, "identity");
    }

    /**
     * Reads and checks the three files: each must exist and parse, the CA certificate must be a CA's
     * and valid now, the certificate must be valid now, signed by the CA and carry a name and a Quern
     * role, and the key must be the certificate's.
     *
     * @throws IllegalArgumentException one line naming the file and what is wrong with it
     */
    public static TlsConfig load(Path caFile, Path certFile, Path keyFile) {
        X509Certificate ca = Pem.certificates(caFile).get(0);
        if (ca.getBasicConstraints() < 0) {
            throw new IllegalArgumentException(caFile + ": " + subject(ca) + " is not a CA certificate");
        }
        checkValidNow(caFile, ca);
        List<X509Certificate> chain = Pem.certificates(certFile);
        X509Certificate cert = chain.get(0);
        checkValidNow(certFile, cert);
        try {
            cert.verify(ca.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(certFile + ": " + subject(cert) + " is not signed by the CA in "
                    + caFile + " (" + subject(ca) + ")");
        }
        PeerIdentity identity = PeerIdentity.of(cert).orElseThrow(() -> new IllegalArgumentException(certFile
                + ": " + subject(cert) + " names no Quern role (a subject alternative name URI quern:role:ROLE);"
                + " make it with quern certs issue"));
        PrivateKey key = Pem.privateKey(keyFile);
        if (!matches(key, cert)) {
            throw new IllegalArgumentException(keyFile + ": not the private key of the certificate in " + certFile);
        }
        return new TlsConfig(ca, chain, key, identity);
    }

    /** Whether this process's certificate carries {@code role}. */
    public boolean is(Role role) {
        return identity.role() == role;
    }

    /** The context of a server that requires and verifies a client certificate signed by the CA. */
    public SslContext serverContext() {
        try {
            return GrpcSslContexts.configure(SslContextBuilder.forServer(key, chain.toArray(X509Certificate[]::new)))
                    .trustManager(ca)
                    .clientAuth(ClientAuth.REQUIRE)
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the TLS server context: " + e.getMessage(), e);
        }
    }

    /** The context of a channel that presents this certificate and verifies the server's against the CA. */
    public SslContext clientContext() {
        try {
            return GrpcSslContexts.forClient()
                    .keyManager(key, chain.toArray(X509Certificate[]::new))
                    .trustManager(ca)
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the TLS client context: " + e.getMessage(), e);
        }
    }

    private static void checkValidNow(Path file, X509Certificate cert) {
        try {
            cert.checkValidity();
        } catch (CertificateExpiredException e) {
            throw new IllegalArgumentException(file + ": " + subject(cert) + " expired on " + cert.getNotAfter());
        } catch (CertificateNotYetValidException e) {
            throw new IllegalArgumentException(file + ": " + subject(cert) + " is not valid before "
                    + cert.getNotBefore());
        }
    }

    /** Signs a few bytes with the key and verifies them with the certificate's public key. */
    private static boolean matches(PrivateKey key, X509Certificate cert) {
        String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256with" + key.getAlgorithm();
        byte[] probe = "quern key check".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(cert.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false; // a key of another algorithm than the certificate's
        }
    }

    private static String subject(X509Certificate cert) {
        return cert.getSubjectX500Principal().getName();
    }
}
