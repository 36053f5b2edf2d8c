package io.quern.worker.rpc;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quern.common.cluster.ZkPaths;
import io.quern.common.job.AttemptId;
import io.quern.common.job.AttemptProgress;
import io.quern.common.job.AttemptResult;
import io.quern.common.lifecycle.Lifecycle;
import io.quern.common.rpc.Channels;
import io.quern.common.rpc.EventLoops;
import io.quern.common.rpc.Protos;
import io.quern.proto.CoordinatorInfo;
import io.quern.proto.HeartbeatRequest;
import io.quern.proto.HeartbeatResponse;
import io.quern.proto.JarChunk;
import io.quern.proto.JarRef;
import io.quern.proto.TaskTrackerServiceGrpc;
import io.quern.worker.exec.AttemptReporter;
import io.quern.worker.exec.JarSource;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's line to the current coordinator, found through ZooKeeper (and followed when it
 * changes). Attempt reports are delivered in order, retried with back-off until the coordinator
 * acknowledges them; heartbeats carry running attempts' progress and bring back the attempts to
 * kill and the maps to stop early; jars are fetched once and cached on disk by content. Thread-safe.
 */
public final class CoordinatorLink implements AttemptReporter, JarSource, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CoordinatorLink.class);
    private static final long CALL_TIMEOUT_SECONDS = 10;

    private final Lifecycle lifecycle = new Lifecycle("coordinator link");
    private final CuratorFramework zk;
    private final String workerId;
    private final Path jarDir;
    private final CuratorCache leaderCache;
    private final BlockingQueue<AttemptResult> reports = new LinkedBlockingQueue<>();
    private final Object channelLock = new Object();
    private final Object undeliveredLock = new Object();
    /** Reports handed to {@link #ended} and not yet acknowledged. */
    private int undelivered;
    private volatile CoordinatorInfo leader;
    private ManagedChannel channel;
    private CoordinatorInfo channelFor;
    private Thread reporter;
    private Thread heartbeater;

    private final EventLoops loops; // null: gRPC's shared network threads

    public CoordinatorLink(CuratorFramework zk, String workerId, Path jarDir) {
        this(zk, workerId, jarDir, null);
    }

    /** @param loops the network threads of the channel to the coordinator, which must outlive this; nullable */
    public CoordinatorLink(CuratorFramework zk, String workerId, Path jarDir, EventLoops loops) {
        this.loops = loops;
        this.zk = zk;
        this.workerId = workerId;
        this.jarDir = jarDir;
        this.leaderCache = CuratorCache.build(zk, ZkPaths.COORDINATOR_LEADER);
        leaderCache.listenable().addListener(CuratorCacheListener.builder()
                .forCreatesAndChanges((before, after) -> leader = checkTransport(parse(after)))
                .forDeletes(gone -> leader = null)
                .build());
    }

    /**
     * @param running the attempts to report in heartbeats
     * @param kill called with each attempt the coordinator no longer wants
     * @param stop called with each map attempt the coordinator asks to stop at a record boundary
     */
    public void start(Duration heartbeatInterval, Supplier<List<AttemptProgress>> running,
                      Consumer<AttemptId> kill, Consumer<AttemptId> stop) {
        lifecycle.start();
        leaderCache.start();
        reporter = daemon("attempt reporter", this::deliverReports);
        heartbeater = daemon("heartbeat", () -> heartbeats(heartbeatInterval, running, kill, stop));
    }

    /**
     * Whether {@code tlsName} is the certificate name that the leading coordinator advertises. When
     * the cached leader says otherwise, ZooKeeper is asked, since the cache may not have caught up
     * yet with a new leader, or with the first one at start-up.
     */
    public boolean isCurrentCoordinator(String tlsName) {
        CoordinatorInfo now = leader;
        if (now != null && now.getTlsName().equals(tlsName)) {
            return true;
        }
        try {
            return CoordinatorInfo.parseFrom(zk.getData().forPath(ZkPaths.COORDINATOR_LEADER)).getTlsName()
                    .equals(tlsName);
        } catch (Exception e) {
            log.debug("cannot read the leader's address node: {}", e.toString());
            return false; // no leader, or none that can be known: no commands from anyone
        }
    }

    @Override
    public void ended(AttemptResult result) {
        synchronized (undeliveredLock) {
            undelivered++;
        }
        reports.add(result);
    }

    /** Waits until every report so far is delivered (or dropped as refused); false on timeout. */
    public boolean flush(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (undeliveredLock) {
            while (undelivered > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(undeliveredLock, left);
            }
        }
        return true;
    }

    private void delivered() {
        synchronized (undeliveredLock) {
            undelivered--;
            undeliveredLock.notifyAll();
        }
    }

    private void deliverReports() {
        try {
            while (lifecycle.isRunning()) {
                AttemptResult r = reports.take();
                long backoff = 100;
                while (lifecycle.isRunning()) {
                    try {
                        stub().withDeadlineAfter(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                                .reportAttempt(Protos.toProto(r));
                        delivered();
                        break;
                    } catch (StatusRuntimeException | NoCoordinatorException e) {
                        if (e instanceof StatusRuntimeException s
                                && s.getStatus().getCode() == Status.Code.INVALID_ARGUMENT) {
                            log.warn("coordinator refused report of {}: {}", r.attempt(), s.getStatus());
                            delivered();
                            break;
                        }
                        log.debug("report of {} not delivered yet: {}", r.attempt(), e.toString());
                        TimeUnit.MILLISECONDS.sleep(backoff);
                        backoff = Math.min(5_000, backoff * 2);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void heartbeats(Duration every, Supplier<List<AttemptProgress>> running,
                            Consumer<AttemptId> kill, Consumer<AttemptId> stop) {
        try {
            while (lifecycle.isRunning()) {
                TimeUnit.NANOSECONDS.sleep(every.toNanos());
                HeartbeatRequest.Builder req = HeartbeatRequest.newBuilder().setWorkerId(workerId);
                for (AttemptProgress p : running.get()) {
                    req.addRunning(Protos.toProto(p));
                }
                try {
                    HeartbeatResponse resp = stub().withDeadlineAfter(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                            .heartbeat(req.build());
                    resp.getKillList().forEach(ref -> kill.accept(Protos.fromProto(ref)));
                    resp.getStopList().forEach(ref -> stop.accept(Protos.fromProto(ref)));
                } catch (StatusRuntimeException | NoCoordinatorException e) {
                    log.debug("heartbeat failed: {}", e.toString());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Path jar(String sha256) throws IOException {
        Path target = jarDir.resolve(sha256 + ".jar");
        if (Files.isRegularFile(target)) {
            return target;
        }
        Path tmp = Files.createTempFile(jarDir, "fetch-", ".tmp");
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                Iterator<JarChunk> chunks = stub().withDeadlineAfter(5, TimeUnit.MINUTES)
                        .fetchJar(JarRef.newBuilder().setSha256(sha256).build());
                while (chunks.hasNext()) {
                    byte[] b = chunks.next().getData().toByteArray();
                    digest.update(b);
                    out.write(b);
                }
            }
            String got = HexFormat.of().formatHex(digest.digest());
            if (!got.equals(sha256)) {
                throw new IOException("jar " + sha256 + " arrived with checksum " + got);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (StatusRuntimeException | NoCoordinatorException e) {
            throw new IOException("cannot fetch jar " + sha256 + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private TaskTrackerServiceGrpc.TaskTrackerServiceBlockingStub stub() throws NoCoordinatorException {
        CoordinatorInfo now = leader;
        if (now == null) {
            throw new NoCoordinatorException();
        }
        synchronized (channelLock) {
            if (!now.equals(channelFor)) {
                if (channel != null) {
                    channel.shutdown();
                }
                channel = loops == null ? Channels.open(now.getHost(), now.getPort())
                        : Channels.open(now.getHost(), now.getPort(), loops);
                channelFor = now;
            }
            return TaskTrackerServiceGrpc.newBlockingStub(channel);
        }
    }

    @Override
    public void close() {
        if (!lifecycle.close()) {
            return;
        }
        leaderCache.close();
        for (Thread t : new Thread[] {reporter, heartbeater}) {
            if (t != null) {
                t.interrupt();
            }
        }
        synchronized (channelLock) {
            if (channel != null) {
                Channels.close(channel);
            }
        }
    }

    /** A leader of the other transport can never be reached, nor reach this worker: the log says why. */
    private CoordinatorInfo checkTransport(CoordinatorInfo info) {
        boolean tls = loops != null && loops.tls().isPresent();
        if (info != null && tls == info.getTlsName().isEmpty()) {
            log.warn("the coordinator at {}:{} {} TLS and this worker {}: neither can reach the other; give every"
                    + " process of the cluster the same --tls", info.getHost(), info.getPort(),
                    tls ? "does not speak" : "speaks", tls ? "does" : "does not");
        }
        return info;
    }

    private static CoordinatorInfo parse(ChildData d) {
        try {
            return d.getData() == null ? null : CoordinatorInfo.parseFrom(d.getData());
        } catch (IOException e) {
            log.warn("malformed coordinator address node: {}", e.toString());
            return null;
        }
    }

    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static final class NoCoordinatorException extends Exception {
        NoCoordinatorException() {
            super("no coordinator registered", null, false, false);
        }
    }
}
