package io.quern.deploy;

import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every server process takes: where it listens, how others reach it, where it keeps its files. */
final class ServerOptions {
    @Option(names = "--port", required = true, paramLabel = "P", description = "gRPC port (0: any free port)")
    int port;

    @Option(names = "--data-dir", required = true, paramLabel = "D", description = "its files and logs")
    Path dataDir;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "address to listen on (default: ${DEFAULT-VALUE})")
    String bind;

    @Option(names = "--advertise", paramLabel = "HOST",
            description = "host name or address others use to reach this node (default: the bind address)")
    String advertise;

    /** The advertised host: as given, else the bind address, else (for a wildcard bind) this host's name. */
    String advertisedHost() throws IOException {
        if (advertise != null && !advertise.isBlank()) {
            return advertise;
        }
        if (bind.equals("0.0.0.0") || bind.equals("::")) {
            return java.net.InetAddress.getLocalHost().getCanonicalHostName();
        }
        return bind;
    }
}
