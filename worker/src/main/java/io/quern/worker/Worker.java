package io.quern.worker;

import io.grpc.Server;
import io.quern.common.cluster.ClusterUnreachableException;
import io.quern.common.cluster.ZkConnections;
import io.quern.common.job.WorkerAddress;
import io.quern.common.lifecycle.Lifecycle;
import io.quern.common.rpc.Channels;
import io.quern.common.rpc.EventLoops;
import io.quern.common.tls.Role;
import io.quern.common.tls.RoleCheck;
import io.quern.worker.cluster.Registration;
import io.quern.worker.exec.TaskExecutor;
import io.quern.worker.rpc.CoordinatorLink;
import io.quern.worker.rpc.ShuffleRpcService;
import io.quern.worker.rpc.WorkerRpcService;
import io.quern.worker.shuffle.JobSecrets;
import io.quern.worker.shuffle.SegmentFetcher;
import io.quern.worker.shuffle.ShuffleClients;
import io.quern.worker.storage.DiskQuota;
import io.quern.worker.storage.LocalStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires a worker: local store, task executor, gRPC server (tasks and shuffle), ZooKeeper registration. */
public final class Worker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Worker.class);
    /** How long a graceful stop waits for attempts to end and for their reports to be delivered. */
    private static final java.time.Duration DRAIN_TIMEOUT = java.time.Duration.ofSeconds(5);

    private final WorkerConfig config;
    private final Lifecycle lifecycle = new Lifecycle("worker");
    private CuratorFramework zk;
    private CoordinatorLink link;
    private ShuffleClients shuffleClients;
    private ExecutorService fetchPool;
    private TaskExecutor executor;
    private Server server;
    private EventLoops loops;
    private Registration registration;
    private String id;

    public Worker(WorkerConfig config) {
        this.config = config;
    }

    /** @throws ClusterUnreachableException when ZooKeeper cannot be reached */
    public void start() throws Exception {
        lifecycle.start();
        LocalStore store = new LocalStore(config.dataDir());
        store.lock();
        store.deleteAllJobs(); // whatever a previous run held, the coordinator has re-run elsewhere
        id = workerId(config.dataDir());
        zk = ZkConnections.connect(config.zk(), config.zkAuth(), config.zkSessionTimeout(), config.zkConnectTimeout());
        loops = new EventLoops("worker-net", 0, config.tls());
        link = new CoordinatorLink(zk, id, store.jarsDir(), loops);
        shuffleClients = new ShuffleClients(loops);
        fetchPool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fetch");
            t.setDaemon(true);
            return t;
        });
        JobSecrets secrets = new JobSecrets();
        DiskQuota quota = new DiskQuota(id, config.diskQuota().orElse(DiskQuota.UNLIMITED));
        executor = new TaskExecutor(id, store, quota, link, link, config.tuning(),
                new SegmentFetcher(shuffleClients, fetchPool), secrets);
        server = loops.server(new InetSocketAddress(config.bind(), config.port()))
                .maxInboundMessageSize(Channels.MAX_MESSAGE_BYTES)
                .addService(loops.guard(new WorkerRpcService(executor), RoleCheck.of(Role.COORDINATOR)
                        .and(id -> link.isCurrentCoordinator(id.name()), "the current coordinator")))
                .addService(loops.guard(new ShuffleRpcService(store, secrets), RoleCheck.of(Role.WORKER)))
                .build()
                .start();
        link.start(config.heartbeat(), executor::progress, executor::kill, executor::requestStop);
        WorkerAddress self = new WorkerAddress(id, config.advertiseHost(), server.getPort(), config.slots(),
                System.currentTimeMillis());
        registration = new Registration(zk, self);
        registration.start(config.zkConnectTimeout());
        log.info("worker {} serving at {} with {} slots of {} bytes of task memory, data in {} (disk quota: {})", id,
                self.hostPort(), config.slots(), config.tuning().reduceMemoryBytes(), config.dataDir(),
                config.diskQuota().isPresent() ? config.diskQuota().getAsLong() + " bytes" : "none");
    }

    public String id() {
        return id;
    }

    public int port() {
        return server.getPort();
    }

    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    /**
     * Stops gracefully: running attempts are handed back to the coordinator (reported KILLED, which
     * is not a failure) and their reports delivered before the worker deregisters and exits. Map
     * output held here is lost with the deregistration; the coordinator re-runs what is still needed.
     */
    @Override
    public void close() {
        if (!lifecycle.close()) {
            return;
        }
        try {
            if (executor != null && link != null) {
                boolean ended = executor.drain(DRAIN_TIMEOUT);
                boolean reported = link.flush(DRAIN_TIMEOUT);
                log.info("worker {} stopping: attempts {}, reports {}", id, ended ? "ended" : "still running",
                        reported ? "delivered" : "not all delivered");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (registration != null) {
                registration.close();
            }
        } catch (IOException e) {
            log.warn("deregistration failed: {}", e.toString());
        }
        if (executor != null) {
            executor.close();
        }
        if (link != null) {
            link.close();
        }
        if (server != null) {
            server.shutdownNow();
            try {
                server.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (fetchPool != null) {
            fetchPool.shutdownNow();
        }
        if (shuffleClients != null) {
            shuffleClients.close();
        }
        if (zk != null) {
            zk.close();
        }
        if (loops != null) {
            loops.close(); // last: the server, the link and the shuffle clients ran on them
        }
    }

    /** The identity kept in the data directory, so a restarted worker is the same worker. */
    static String workerId(Path dataDir) throws IOException {
        Path file = dataDir.resolve("worker-id");
        if (Files.isRegularFile(file)) {
            String id = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (id.matches("w-[0-9a-f]{8}")) {
                return id;
            }
        }
        byte[] b = new byte[4];
        new SplittableRandom(System.nanoTime() ^ ProcessHandle.current().pid()).nextBytes(b);
        String id = "w-" + HexFormat.of().formatHex(b);
        Path tmp = dataDir.resolve("worker-id.tmp");
        Files.writeString(tmp, id + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return id;
    }
}
