package io.quern.common.cluster;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.KeeperException;

/** Opens Curator clients with the cluster's session settings and, with {@code --zk-auth}, its identity and ACLs. */
public final class ZkConnections {
    private ZkConnections() {}

    /** How long a process may be silent before ZooKeeper declares it gone (its ephemeral nodes vanish). */
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(10);

    /** {@link #connect(String, ZkAuth, Duration, Duration)} without authentication: open znodes. */
    public static CuratorFramework connect(String connectString, Duration sessionTimeout, Duration connectTimeout)
            throws ClusterUnreachableException {
        return connect(connectString, ZkAuth.NONE, sessionTimeout, connectTimeout);
    }

    /**
     * Connects and waits until connected. With an identity, the client authenticates with it and
     * every znode it creates gets {@link ZkAcls}; either way it then checks that it may read the
     * cluster's root znode, so that a missing or wrong identity is one clear error at the start.
     *
     * @throws ClusterUnreachableException when no server answers within {@code connectTimeout};
     *     the client is closed then
     * @throws ZkAccessDeniedException when ZooKeeper refuses this identity (or its absence) the
     *     cluster's znodes; the client is closed then
     * @throws IllegalArgumentException when the connect string is malformed
     */
    public static CuratorFramework connect(String connectString, ZkAuth auth, Duration sessionTimeout,
                                           Duration connectTimeout) throws ClusterUnreachableException {
        validate(connectString);
        CuratorFrameworkFactory.Builder builder = CuratorFrameworkFactory.builder()
                .connectString(connectString)
                .sessionTimeoutMs((int) sessionTimeout.toMillis())
                .connectionTimeoutMs((int) connectTimeout.toMillis())
                .retryPolicy(new ExponentialBackoffRetry(100, 29, 2_000));
        if (auth.enabled()) {
            builder.authorization("digest", auth.credentials()).aclProvider(new ZkAcls(auth));
        }
        CuratorFramework zk = builder.build();
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
        try {
            checkAccess(zk, connectString, auth);
        } catch (RuntimeException | ClusterUnreachableException e) {
            zk.close();
            throw e;
        }
        return zk;
    }

    /** Reads the cluster's root, if it exists: what a process without the cluster's identity cannot do. */
    private static void checkAccess(CuratorFramework zk, String connectString, ZkAuth auth)
            throws ClusterUnreachableException {
        try {
            if (zk.checkExists().forPath(ZkPaths.ROOT) != null) {
                zk.getChildren().forPath(ZkPaths.ROOT);
            }
        } catch (KeeperException.NoAuthException e) {
            throw new ZkAccessDeniedException("ZooKeeper at " + connectString
                    + " refuses access to the cluster's znodes: " + (auth.enabled() ? "--zk-auth for user " + auth.user() + " is not the cluster's"
                            : "they are protected, give the cluster's --zk-auth"));
        } catch (Exception e) {
            throw new ClusterUnreachableException("cannot read " + ZkPaths.ROOT + " in ZooKeeper at " + connectString
                    + ": " + e.getMessage(), e);
        }
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
