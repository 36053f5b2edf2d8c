package io.quern.common.cluster;

/** ZooKeeper, or the coordinator it names, cannot be reached. The CLI maps this to exit code 3. */
public final class ClusterUnreachableException extends Exception {
    public ClusterUnreachableException(String message) {
        super(message);
    }

    public ClusterUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
