package io.quern.coordinator;

import io.grpc.Server;
import io.quern.common.cluster.Addresses;
import io.quern.common.cluster.ClusterUnreachableException;
import io.quern.common.cluster.ZkConnections;
import io.quern.common.job.WorkerAddress;
import io.quern.common.lifecycle.Lifecycle;
import io.quern.common.rpc.Channels;
import io.quern.common.rpc.EventLoops;
import io.quern.common.tls.Role;
import io.quern.common.tls.RoleCheck;
import io.quern.coordinator.ha.Leadership;
import io.quern.coordinator.jobs.FileOutputCommitter;
import io.quern.coordinator.jobs.JarStore;
import io.quern.coordinator.jobs.JobAdmission;
import io.quern.coordinator.membership.WorkerMembership;
import io.quern.coordinator.rpc.CoordinatorRpcService;
import io.quern.coordinator.rpc.GrpcWorkerGateway;
import io.quern.coordinator.rpc.SnapshotProtos;
import io.quern.coordinator.rpc.TaskTrackerRpcService;
import io.quern.coordinator.schedule.Scheduler;
import io.quern.coordinator.store.JobStore;
import io.quern.proto.CoordinatorInfo;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires a coordinator: ZooKeeper session, leadership, scheduler, membership and the gRPC server. */
public final class Coordinator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Coordinator.class);

    private final CoordinatorConfig config;
    private final Lifecycle lifecycle = new Lifecycle("coordinator");
    private CuratorFramework zk;
    private ScheduledExecutorService schedulerThread;
    private ExecutorService admissionPool;
    private GrpcWorkerGateway gateway;
    private Scheduler scheduler;
    private Server server;
    private EventLoops loops;
    private Leadership leadership;
    private WorkerMembership membership;

    public Coordinator(CoordinatorConfig config) {
        this.config = config;
    }

    /**
     * Starts serving and returns once this coordinator leads the cluster.
     *
     * @throws ClusterUnreachableException when ZooKeeper cannot be reached
     */
    public void start() throws Exception {
        lifecycle.start();
        zk = ZkConnections.connect(config.zk(), config.zkAuth(), config.zkSessionTimeout(), config.zkConnectTimeout());
        JarStore jars = new JarStore(config.dataDir().resolve("jars"));
        schedulerThread = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "scheduler"));
        admissionPool = Executors.newFixedThreadPool(2, r -> daemon(r, "admission"));
        loops = new EventLoops("coordinator-net", 0, config.tls());
        gateway = new GrpcWorkerGateway(loops);
        FileOutputCommitter committer = new FileOutputCommitter();
        JobStore store = new JobStore(zk);
        scheduler = new Scheduler(gateway, committer, Clock.systemUTC(), System::nanoTime, schedulerThread,
                config.scheduler(), new SplittableRandom(), s -> store.finished(SnapshotProtos.toProto(s)));
        JobControl control = new JobControl(new JobAdmission(jars, config.allowedRoots()), store, committer, scheduler,
                admissionPool);
        server = loops.server(new InetSocketAddress(config.bind(), config.port()))
                .maxInboundMessageSize(Channels.MAX_MESSAGE_BYTES)
                .addService(loops.guard(new CoordinatorRpcService(control, jars),
                        RoleCheck.of(Role.CLIENT, Role.COORDINATOR)))
                .addService(loops.guard(new TaskTrackerRpcService(scheduler, jars), RoleCheck.of(Role.WORKER)))
                .build()
                .start();
        scheduler.start();
        // With TLS, the leader's certificate name tells workers whose task commands to take.
        CoordinatorInfo self = CoordinatorInfo.newBuilder().setHost(config.advertiseHost()).setPort(port())
                .setStartTimeMillis(System.currentTimeMillis())
                .setTlsName(config.tls().map(t -> t.identity().name()).orElse("")).build();
        leadership = new Leadership(zk, UUID.randomUUID().toString(), self);
        while (!leadership.startAndAwait(Duration.ofDays(3650))) {
            log.info("waiting to lead");
        }
        membership = new WorkerMembership(zk, this::workerJoined, scheduler::workerLost);
        membership.start();
        log.info("coordinator serving at {}:{}", config.advertiseHost(), port());
    }

    /**
     * A worker that advertises a loopback address while this coordinator does not is most likely on
     * another host, where nobody can reach it: it still joins (it may be on this host), but the log
     * says why its tasks will not start and its map output cannot be fetched.
     */
    private void workerJoined(WorkerAddress worker) {
        if (Addresses.isLoopback(worker.host()) && !Addresses.isLoopback(config.advertiseHost())) {
            log.warn("worker {} advertises {}, a loopback address, while this coordinator is at {}: only its own"
                    + " host can reach it; start it with --bind and --advertise an address the others can reach",
                    worker.workerId(), worker.hostPort(), config.advertiseHost());
        }
        scheduler.workerJoined(worker);
    }

    /** The port the gRPC server listens on. */
    public int port() {
        return server.getPort();
    }

    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    @Override
    public void close() {
        if (!lifecycle.close()) {
            return;
        }
        closeQuietly(membership);
        closeQuietly(leadership);
        if (server != null) {
            server.shutdown();
            try {
                if (!server.awaitTermination(2, TimeUnit.SECONDS)) {
                    server.shutdownNow();
                }
            } catch (InterruptedException e) {
                server.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        closeQuietly(scheduler);
        closeQuietly(gateway);
        if (schedulerThread != null) {
            schedulerThread.shutdownNow();
        }
        if (admissionPool != null) {
            admissionPool.shutdownNow();
        }
        closeQuietly(zk);
        closeQuietly(loops); // last: the server and the channels to workers ran on them
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            log.warn("error while closing {}: {}", c.getClass().getSimpleName(), e.toString());
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
