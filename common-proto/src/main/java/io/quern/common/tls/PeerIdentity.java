package io.quern.common.tls;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Who holds a certificate: its name (the subject's common name, which {@code quern certs issue
 * --name} sets) and its role.
 */
public record PeerIdentity(String name, Role role) {
    /** The subject alternative name type of a URI (RFC 5280). */
    private static final int SAN_URI = 6;

    public PeerIdentity {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a certificate name is empty");
        }
        Objects.requireNonNull(role, "role");
    }

    /** The identity a certificate carries; empty when it names no common name or no Quern role. */
    public static Optional<PeerIdentity> of(X509Certificate cert) {
        Optional<String> name = commonName(cert);
        Optional<Role> role = role(cert);
        return name.isPresent() && role.isPresent() ? Optional.of(new PeerIdentity(name.get(), role.get()))
                : Optional.empty();
    }

    static Optional<String> commonName(X509Certificate cert) {
        try {
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN") && !rdn.getValue().toString().isBlank()) {
                    return Optional.of(rdn.getValue().toString());
                }
            }
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    static Optional<Role> role(X509Certificate cert) {
        try {
            Collection<List<?>> names = cert.getSubjectAlternativeNames();
            if (names == null) {
                return Optional.empty();
            }
            for (List<?> san : names) {
                if (san.size() >= 2 && Integer.valueOf(SAN_URI).equals(san.get(0))
                        && san.get(1) instanceof String uri) {
                    Optional<Role> r = Role.ofUri(uri);
                    if (r.isPresent()) {
                        return r;
                    }
                }
            }
            return Optional.empty();
        } catch (CertificateParsingException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return role.label() + " " + name;
    }
}
