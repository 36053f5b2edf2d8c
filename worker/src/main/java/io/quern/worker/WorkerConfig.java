package io.quern.worker;

import io.quern.common.cluster.ZkAuth;
import io.quern.common.cluster.ZkConnections;
import io.quern.common.tls.Role;
import io.quern.common.tls.TlsConfig;
import io.quern.worker.exec.WorkerTuning;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A worker's settings, parsed once at the edge.
 *
 * @param port gRPC port (tasks and shuffle); 0 picks a free one
 * @param advertiseHost the host others use to reach this worker
 * @param slots tasks run at once
 * @param zkAuth the cluster's ZooKeeper identity; {@link ZkAuth#NONE}: open znodes
 * @param tls mutual TLS for its server (tasks and shuffle) and its channels, with a worker's
 *     certificate; empty for plaintext
 * @param tuning buffer sizes of its attempts: its sort buffer and reduce memory are its task memory
 * @param diskQuota most bytes of intermediate data under {@code dataDir}; empty for no limit
 */
public record WorkerConfig(String zk, String bind, int port, String advertiseHost, Path dataDir, int slots,
                           Duration heartbeat, Duration zkSessionTimeout, Duration zkConnectTimeout,
                           WorkerTuning tuning, ZkAuth zkAuth, Optional<TlsConfig> tls,
                           OptionalLong diskQuota) {
    public WorkerConfig {
        ZkConnections.validate(zk);
        Objects.requireNonNull(bind, "bind");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be 0..65535, not " + port);
        }
        if (advertiseHost == null || advertiseHost.isBlank()) {
            throw new IllegalArgumentException("--advertise is empty");
        }
        Objects.requireNonNull(dataDir, "dataDir");
        if (slots < 1) {
            throw new IllegalArgumentException("--slots must be at least 1, not " + slots);
        }
        Objects.requireNonNull(tuning, "tuning");
        Objects.requireNonNull(zkAuth, "zkAuth");
        Objects.requireNonNull(tls, "tls");
        if (tls.isPresent() && !tls.get().is(Role.WORKER)) {
            throw new IllegalArgumentException("a worker needs a worker certificate, not " + tls.get().identity());
        }
        Objects.requireNonNull(diskQuota, "diskQuota");
        if (diskQuota.isPresent() && diskQuota.getAsLong() < 1) {
            throw new IllegalArgumentException("--disk-quota must be positive, not " + diskQuota.getAsLong());
        }
    }

    /** A plaintext worker. */
    public static WorkerConfig of(String zk, String bind, int port, String advertiseHost, Path dataDir, int slots) {
        return new WorkerConfig(zk, bind, port, advertiseHost, dataDir, slots, Duration.ofMillis(500),
                ZkConnections.DEFAULT_SESSION_TIMEOUT, Duration.ofSeconds(5),
                WorkerTuning.forHeap(Runtime.getRuntime().maxMemory(), slots), ZkAuth.NONE, Optional.empty(),
                OptionalLong.empty());
    }

    public WorkerConfig withZkAuth(ZkAuth auth) {
        return new WorkerConfig(zk, bind, port, advertiseHost, dataDir, slots, heartbeat, zkSessionTimeout,
                zkConnectTimeout, tuning, auth, tls, diskQuota);
    }

    /** This config with {@code tls}. */
    public WorkerConfig withTls(Optional<TlsConfig> tls) {
        return new WorkerConfig(zk, bind, port, advertiseHost, dataDir, slots, heartbeat, zkSessionTimeout,
                zkConnectTimeout, tuning, zkAuth, tls, diskQuota);
    }

    /**
     * This config with {@code bytes} of task memory for each attempt, checked against half of
     * {@code maxHeapBytes} for all the slots ({@link WorkerTuning#forTaskMemory}).
     */
    public WorkerConfig withTaskMemory(long bytes, long maxHeapBytes) {
        return new WorkerConfig(zk, bind, port, advertiseHost, dataDir, slots, heartbeat, zkSessionTimeout,
                zkConnectTimeout, WorkerTuning.forTaskMemory(bytes, slots, maxHeapBytes), zkAuth, tls, diskQuota);
    }

    /** This config with a quota on intermediate data; empty for none. */
    public WorkerConfig withDiskQuota(OptionalLong quota) {
        return new WorkerConfig(zk, bind, port, advertiseHost, dataDir, slots, heartbeat, zkSessionTimeout,
                zkConnectTimeout, tuning, zkAuth, tls, quota);
    }
}
