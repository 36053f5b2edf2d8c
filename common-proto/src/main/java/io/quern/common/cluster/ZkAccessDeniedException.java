package io.quern.common.cluster;

/**
 * ZooKeeper answered but refused this process the cluster's znodes: its {@code --zk-auth} is missing
 * or not the cluster's. A setting to mend, not a cluster to wait for (exit 2 at the CLI).
 */
public final class ZkAccessDeniedException extends IllegalArgumentException {
    public ZkAccessDeniedException(String message) {
        super(message);
    }
}
