package io.quern.common.job;

/** Where the committed output of one map task can be fetched: the worker that holds it. */
public record MapOutputLocation(int mapIndex, int attempt, String workerId, String host, int port) {
    public MapOutputLocation {
        if (mapIndex < 0 || attempt < 0) {
            throw new IllegalArgumentException("bad map output " + mapIndex + "/" + attempt);
        }
        if (host == null || host.isEmpty() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("bad address " + host + ":" + port);
        }
    }
}
