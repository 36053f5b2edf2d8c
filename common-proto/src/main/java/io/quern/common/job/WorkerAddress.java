package io.quern.common.job;

/** A live worker as registered in ZooKeeper. */
public record WorkerAddress(String workerId, String host, int port, int slots, long startTimeMillis) {
    public WorkerAddress {
        if (workerId == null || workerId.isEmpty()) {
            throw new IllegalArgumentException("empty worker id");
        }
        if (host == null || host.isEmpty() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("bad worker address " + host + ":" + port);
        }
        if (slots < 1) {
            throw new IllegalArgumentException("worker " + workerId + " has " + slots + " slots");
        }
    }

    public String hostPort() {
        return host + ":" + port;
    }
}
