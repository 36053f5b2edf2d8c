package io.quern.common.tls;

import java.util.Locale;
import java.util.Optional;

/**
 * What a certificate's holder is in the cluster. The role travels in the certificate as a subject
 * alternative name URI, {@code quern:role:worker}, which the cluster's CA alone can sign; servers
 * check it on every call.
 */
public enum Role {
    COORDINATOR, WORKER, CLIENT;

    /** The URI scheme and prefix of a role in a certificate's subject alternative names. */
    static final String URI_PREFIX = "quern:role:";

    /** The role's name as the command line and certificates spell it: {@code worker}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The subject alternative name URI that carries this role: {@code quern:role:worker}. */
    public String uri() {
        return URI_PREFIX + label();
    }

    /** The role a label ({@code worker}) names. */
    public static Optional<Role> ofLabel(String label) {
        for (Role r : values()) {
            if (r.label().equals(label)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** The role a subject alternative name URI carries, if it is one of ours. */
    static Optional<Role> ofUri(String uri) {
        return uri.startsWith(URI_PREFIX) ? ofLabel(uri.substring(URI_PREFIX.length())) : Optional.empty();
    }
}
