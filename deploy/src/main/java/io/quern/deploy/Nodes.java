package io.quern.deploy;

import java.io.IOException;
import java.net.InetAddress;

/** Helpers for a node's network identity. */
final class Nodes {
    private Nodes() {}

    /** The advertised host: as given, else the bind address unless that is the wildcard, then the host name. */
    static String advertised(String bind, String advertise) throws IOException {
        if (advertise != null && !advertise.isBlank()) {
            return advertise;
        }
        if (bind.equals("0.0.0.0") || bind.equals("::")) {
            return InetAddress.getLocalHost().getCanonicalHostName();
        }
        return bind;
    }
}
