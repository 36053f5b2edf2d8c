package io.quern.coordinator;

import io.quern.common.cluster.ZkAuth;
import io.quern.common.cluster.ZkConnections;
import io.quern.coordinator.jobs.PathRoots;
import io.quern.common.tls.Role;
import io.quern.common.tls.TlsConfig;
import io.quern.coordinator.schedule.SchedulerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A coordinator's settings, parsed once at the edge.
 *
 * @param zk ZooKeeper connect string
 * @param bind address the gRPC server listens on
 * @param port gRPC port; 0 picks a free one
 * @param advertiseHost the host workers and clients use to reach this coordinator
 * @param dataDir jars and logs
 * @param zkAuth the cluster's ZooKeeper identity; {@link ZkAuth#NONE}: open znodes
 * @param allowedRoots the directories jobs' inputs and outputs must be in; {@link PathRoots#NONE}: anywhere
 * @param tls mutual TLS for its server and its channels to workers, with a coordinator's certificate;
 *     empty for plaintext
 */
public record CoordinatorConfig(String zk, String bind, int port, String advertiseHost, Path dataDir,
                                Duration zkSessionTimeout, Duration zkConnectTimeout, SchedulerConfig scheduler,
                                ZkAuth zkAuth, PathRoots allowedRoots, Optional<TlsConfig> tls) {
    public CoordinatorConfig {
        ZkConnections.validate(zk);
        Objects.requireNonNull(bind, "bind");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be 0..65535, not " + port);
        }
        if (advertiseHost == null || advertiseHost.isBlank()) {
            throw new IllegalArgumentException("--advertise is empty");
        }
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(zkAuth, "zkAuth");
        Objects.requireNonNull(allowedRoots, "allowedRoots");
        Objects.requireNonNull(tls, "tls");
        if (tls.isPresent() && !tls.get().is(Role.COORDINATOR)) {
            throw new IllegalArgumentException("a coordinator needs a coordinator certificate, not "
                    + tls.get().identity());
        }
    }

    /** A plaintext coordinator. */
    public static CoordinatorConfig of(String zk, String bind, int port, String advertiseHost, Path dataDir) {
        return new CoordinatorConfig(zk, bind, port, advertiseHost, dataDir, ZkConnections.DEFAULT_SESSION_TIMEOUT,
                Duration.ofSeconds(5), SchedulerConfig.defaults(), ZkAuth.NONE,
                PathRoots.NONE, Optional.empty());
    }

    public CoordinatorConfig withAllowedRoots(PathRoots roots) {
        return new CoordinatorConfig(zk, bind, port, advertiseHost, dataDir, zkSessionTimeout, zkConnectTimeout,
                scheduler, zkAuth, roots, tls);
    }

    public CoordinatorConfig withZkAuth(ZkAuth auth) {
        return new CoordinatorConfig(zk, bind, port, advertiseHost, dataDir, zkSessionTimeout, zkConnectTimeout,
                scheduler, auth, allowedRoots, tls);
    }

    /** This config with {@code tls}. */
    public CoordinatorConfig withTls(Optional<TlsConfig> tls) {
        return new CoordinatorConfig(zk, bind, port, advertiseHost, dataDir, zkSessionTimeout, zkConnectTimeout,
                scheduler, zkAuth, allowedRoots, tls);
    }
}
