package io.quern.common.cluster;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;

/** Opens Curator clients with the cluster's session settings. */
public final class ZkConnections {
    private ZkConnections() {}

    /** How long a process may be silent before ZooKeeper declares it gone (its ephemeral nodes vanish). */
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Connects and waits until connected.
     *
     * @throws ClusterUnreachableException when no server answers within {@code connectTimeout};
     *     the client is closed then
     * @throws IllegalArgumentException when the connect string is malformed
     */
    public static CuratorFramework connect(String connectString, Duration sessionTimeout, Duration connectTimeout)
            throws ClusterUnreachableException {
        validate(connectString);
        CuratorFramework zk = CuratorFrameworkFactory.builder()
                .connectString(connectString)
                .sessionTimeoutMs((int) sessionTimeout.toMillis())
                .connectionTimeoutMs((int) connectTimeout.toMillis())
                .retryPolicy(new ExponentialBackoffRetry(100, 29, 2_000))
                .build();
        zk.start();
        boolean connected;
        try {
            connected = zk.blockUntilConnected((int) connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connected = false;
        }
        if (!connected) {
            zk.close();
            throw new ClusterUnreachableException("cannot reach ZooKeeper at " + connectString
                    + " within " + connectTimeout.toSeconds() + " s");
        }
        return zk;
    }

    /** Checks {@code host:port[,host:port...][/chroot]}; throws {@link IllegalArgumentException} naming the flaw. */
    public static void validate(String connectString) {
        if (connectString == null || connectString.isBlank()) {
            throw new IllegalArgumentException("--zk is empty");
        }
        int slash = connectString.indexOf('/');
        String hosts = slash < 0 ? connectString : connectString.substring(0, slash);
        if (slash >= 0) {
            String chroot = connectString.substring(slash);
            if (chroot.length() > 1 && (chroot.endsWith("/") || chroot.contains("//"))) {
                throw new IllegalArgumentException("--zk: bad chroot '" + chroot + "'");
            }
        }
        for (String hp : hosts.split(",", -1)) {
            int colon = hp.lastIndexOf(':');
            if (colon <= 0 || colon == hp.length() - 1) {
                throw new IllegalArgumentException("--zk: '" + hp + "' is not host:port");
            }
            try {
                int port = Integer.parseInt(hp.substring(colon + 1));
                if (port < 1 || port > 65535) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--zk: bad port in '" + hp + "'");
            }
        }
    }
}
