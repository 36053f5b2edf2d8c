package io.quern.deploy;

import io.quern.common.cluster.Addresses;
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

    /**
     * The advertised host: as given, else the bind address, else (for a wildcard bind) this host's
     * name. A loopback address is refused when others could not reach it (see
     * {@link Addresses#loopbackAdvertiseProblem}): the node listens elsewhere, or ZooKeeper
     * ({@code zk}) is on another host.
     *
     * @throws IllegalArgumentException naming the problem (the CLI's exit 2)
     */
    String advertisedHost(String zk) throws IOException {
        String host;
        if (advertise != null && !advertise.isBlank()) {
            host = advertise;
        } else if (Addresses.isWildcard(bind)) {
            host = java.net.InetAddress.getLocalHost().getCanonicalHostName();
            if (Addresses.isLoopback(host)) {
                throw new IllegalArgumentException("--bind " + bind + " without --advertise: this host's name " + host
                        + " resolves to a loopback address; give --advertise an address others can reach");
            }
        } else {
            host = bind;
        }
        java.util.Optional<String> problem = Addresses.loopbackAdvertiseProblem(host, bind, zk);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        return host;
    }
}
