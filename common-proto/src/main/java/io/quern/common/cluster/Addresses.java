package io.quern.common.cluster;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a node can tell about an address before it advertises it: whether it is loopback, whether it
 * belongs to this host. A node that advertises a loopback address can be reached only from its own
 * host, which in a cluster across hosts fails late and far away (a reducer on another host cannot
 * fetch its map output); {@link #loopbackAdvertiseProblem} names that mistake at start instead.
 * Stateless and thread-safe; names are resolved through the system resolver.
 */
public final class Addresses {
    private Addresses() {}

    /** True for {@code localhost}, a loopback literal, or a name that resolves to a loopback address. */
    public static boolean isLoopback(String host) {
        return resolve(host).map(InetAddress::isLoopbackAddress).orElse(false);
    }

    /** True for the wildcard addresses that listen on every interface ({@code 0.0.0.0}, {@code ::}). */
    public static boolean isWildcard(String host) {
        return resolve(host).map(InetAddress::isAnyLocalAddress).orElse(false);
    }

    /** True when {@code host} is a loopback address or one of this host's interface addresses. */
    public static boolean isLocal(String host) {
        Optional<InetAddress> a = resolve(host);
        if (a.isEmpty()) {
            return false;
        }
        if (a.get().isLoopbackAddress() || a.get().isAnyLocalAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(a.get()) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    /** The hosts of a ZooKeeper connect string ({@code host:port[,host:port...][/chroot]}), brackets removed. */
    public static List<String> zkHosts(String connectString) {
        int slash = connectString.indexOf('/');
        String hosts = slash < 0 ? connectString : connectString.substring(0, slash);
        List<String> out = new ArrayList<>();
        for (String hp : hosts.split(",")) {
            int colon = hp.lastIndexOf(':');
            out.add(unbracket(colon < 0 ? hp : hp.substring(0, colon)));
        }
        return out;
    }

    /**
     * Why advertising {@code advertise} would leave this node unreachable, if it would: it is a
     * loopback address while the node listens on a non-loopback {@code bind} address (so it means to
     * be reached from elsewhere), or while ZooKeeper, and so the rest of the cluster, is on another
     * host. Empty when the address is fine or when nothing can be told (an unresolvable name).
     */
    public static Optional<String> loopbackAdvertiseProblem(String advertise, String bind, String zk) {
        if (!isLoopback(advertise)) {
            return Optional.empty();
        }
        if (!isLoopback(bind)) {
            return Optional.of("advertising " + advertise + ", a loopback address, while listening on " + bind
                    + ": nodes on other hosts could not reach this one; give --advertise an address they can reach");
        }
        for (String host : zkHosts(zk)) {
            if (resolve(host).isPresent() && !isLocal(host)) {
                return Optional.of("advertising " + advertise + ", a loopback address, while ZooKeeper at " + host
                        + " is on another host: nodes there could not reach this one; give --bind and --advertise"
                        + " an address they can reach");
            }
        }
        return Optional.empty();
    }

    private static Optional<InetAddress> resolve(String host) {
        if (host == null || host.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(unbracket(host)));
        } catch (UnknownHostException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
