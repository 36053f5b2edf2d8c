package io.quern.client;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.quern.common.cluster.ClusterUnreachableException;
import io.quern.common.cluster.ZkAuth;
import io.quern.common.cluster.ZkConnections;
import io.quern.common.cluster.ZkPaths;
import io.quern.common.job.WorkerAddress;
import io.quern.common.rpc.Channels;
import io.quern.common.rpc.EventLoops;
import io.quern.common.rpc.Protos;
import io.quern.common.tls.TlsConfig;
import io.quern.proto.CoordinatorInfo;
import io.quern.proto.CoordinatorServiceGrpc;
import io.quern.proto.JarChunk;
import io.quern.proto.JarRef;
import io.quern.proto.JobRequest;
import io.quern.proto.ListJobsRequest;
import io.quern.proto.ListWorkersRequest;
import io.quern.proto.SubmitJobRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.apache.curator.framework.CuratorFramework;

/**
 * Submits and controls jobs from a program. Finds the coordinator through ZooKeeper.
 * <pre>{@code
 * try (QuernClient quern = QuernClient.connect("zk1:2181")) {
 *     String id = quern.submit(JobRequest.builtin("wordcount")
 *             .input(Path.of("books")).output(Path.of("/shared/wc")).build());
 *     JobStatus done = quern.await(id, s -> System.err.println(s.map().fraction()));
 *     System.out.println(done.state() + " " + done.counters());
 * }
 * }</pre>
 * Thread-safe.
 */
public final class QuernClient implements AutoCloseable {
    /** How long to wait for ZooKeeper and for a coordinator to be registered. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final long CALL_TIMEOUT_SECONDS = 60;
    private static final int JAR_CHUNK = 1 << 20;

    private final CuratorFramework zk;
    private final String zkConnect;
    private final EventLoops loops;
    private final String coordinatorAddress;
    private final ManagedChannel channel;
    private final CoordinatorServiceGrpc.CoordinatorServiceBlockingStub blocking;
    private final CoordinatorServiceGrpc.CoordinatorServiceStub async;

    private QuernClient(CuratorFramework zk, String zkConnect, CoordinatorInfo coordinator, Optional<TlsConfig> tls) {
        this.zk = zk;
        this.zkConnect = zkConnect;
        this.loops = new EventLoops("client-net", 1, tls);
        this.coordinatorAddress = coordinator.getHost() + ":" + coordinator.getPort();
        this.channel = Channels.open(coordinator.getHost(), coordinator.getPort(), loops);
        this.blocking = CoordinatorServiceGrpc.newBlockingStub(channel);
        this.async = CoordinatorServiceGrpc.newStub(channel);
    }

    /** A plaintext client. */
    public static QuernClient connect(String zkConnect) throws ClusterUnreachableException {
        return connect(zkConnect, ZkAuth.NONE, DEFAULT_CONNECT_TIMEOUT, Optional.empty());
    }

    /** A plaintext client of a cluster whose znodes are protected by {@code auth} (see {@code --zk-auth}). */
    public static QuernClient connect(String zkConnect, ZkAuth auth) throws ClusterUnreachableException {
        return connect(zkConnect, auth, DEFAULT_CONNECT_TIMEOUT, Optional.empty());
    }

    /** A plaintext client. */
    public static QuernClient connect(String zkConnect, Duration timeout) throws ClusterUnreachableException {
        return connect(zkConnect, ZkAuth.NONE, timeout, Optional.empty());
    }

    /**
     * A client that speaks mutual TLS with {@code tls} (a client certificate), or plaintext when it
     * is empty.
     *
     * @throws ClusterUnreachableException when ZooKeeper does not answer, or no coordinator registers,
     *     within {@code timeout}
     * @throws io.quern.common.cluster.ZkAccessDeniedException when ZooKeeper refuses {@code auth}
     * @throws IllegalArgumentException when the coordinator speaks TLS and this client does not, or
     *     the other way round
     */
    public static QuernClient connect(String zkConnect, ZkAuth auth, Duration timeout, Optional<TlsConfig> tls)
            throws ClusterUnreachableException {
        CuratorFramework zk = ZkConnections.connect(zkConnect, auth, ZkConnections.DEFAULT_SESSION_TIMEOUT, timeout);
        try {
            CoordinatorInfo coordinator = findCoordinator(zk, zkConnect, timeout);
            checkTransport(coordinator, tls);
            return new QuernClient(zk, zkConnect, coordinator, tls);
        } catch (ClusterUnreachableException | RuntimeException e) {
            zk.close();
            throw e;
        }
    }

    /**
     * The coordinator says in ZooKeeper whether it speaks TLS, so a client of the other kind fails
     * with a line saying what to change rather than with a connection closed for no given reason.
     */
    private static void checkTransport(CoordinatorInfo coordinator, Optional<TlsConfig> tls) {
        String at = coordinator.getHost() + ":" + coordinator.getPort();
        if (!coordinator.getTlsName().isEmpty() && tls.isEmpty()) {
            throw new IllegalArgumentException("the coordinator at " + at + " requires TLS with a client"
                    + " certificate: give --tls on, --tls-ca, --tls-cert and --tls-key");
        }
        if (coordinator.getTlsName().isEmpty() && tls.isPresent()) {
            throw new IllegalArgumentException("the coordinator at " + at + " does not speak TLS: give --tls off");
        }
    }

    private static CoordinatorInfo findCoordinator(CuratorFramework zk, String zkConnect, Duration timeout)
            throws ClusterUnreachableException {
        CompletableFuture<byte[]> found = new CompletableFuture<>();
        try {
            // A watch, so a coordinator that is still starting is picked up as soon as it registers.
            byte[] data = null;
            if (zk.checkExists().usingWatcher((org.apache.zookeeper.Watcher) e -> readInto(zk, found))
                    .forPath(ZkPaths.COORDINATOR_LEADER) != null) {
                data = zk.getData().forPath(ZkPaths.COORDINATOR_LEADER);
            }
            if (data == null) {
                data = found.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            return CoordinatorInfo.parseFrom(data);
        } catch (TimeoutException e) {
            throw new ClusterUnreachableException("no coordinator is registered in ZooKeeper at " + zkConnect);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterUnreachableException("interrupted while looking for the coordinator");
        } catch (Exception e) {
            throw new ClusterUnreachableException("cannot find the coordinator in ZooKeeper at " + zkConnect
                    + ": " + e.getMessage(), e);
        }
    }

    private static void readInto(CuratorFramework zk, CompletableFuture<byte[]> found) {
        try {
            found.complete(zk.getData().forPath(ZkPaths.COORDINATOR_LEADER));
        } catch (Exception e) {
            // not there yet or gone again; the caller's timeout decides
        }
    }

    /**
     * Uploads the job's jar (if any) and submits the job.
     *
     * @return the job id
     * @throws JobRejectedException naming what is wrong with the job
     */
    public String submit(io.quern.client.JobRequest job) throws JobRejectedException, ClusterUnreachableException {
        String sha = job.jar() == null ? null : uploadJar(job.jar());
        try {
            return blocking.withDeadlineAfter(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .submitJob(SubmitJobRequest.newBuilder().setSpec(Protos.toProto(job.toSpec(sha))).build())
                    .getJobId();
        } catch (StatusRuntimeException e) {
            throw translate(e);
        }
    }

    private String uploadJar(Path jar) throws JobRejectedException, ClusterUnreachableException {
        if (!Files.isRegularFile(jar)) {
            throw new JobRejectedException("jar not found: " + jar);
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            if (zip.size() == 0) {
                throw new JobRejectedException("the jar is empty: " + jar);
            }
        } catch (ZipException e) {
            throw new JobRejectedException("not a jar file: " + jar);
        } catch (IOException e) {
            throw new JobRejectedException("cannot read jar " + jar + ": " + e.getMessage());
        }
        CompletableFuture<JarRef> done = new CompletableFuture<>();
        StreamObserver<JarChunk> upload = async.withDeadlineAfter(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .uploadJar(new StreamObserver<>() {
                    @Override
                    public void onNext(JarRef ref) {
                        done.complete(ref);
                    }

                    @Override
                    public void onError(Throwable t) {
                        done.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {}
                });
        try (InputStream in = Files.newInputStream(jar)) {
            byte[] buf = new byte[JAR_CHUNK];
            int n;
            while ((n = in.readNBytes(buf, 0, buf.length)) > 0 && !done.isDone()) {
                upload.onNext(JarChunk.newBuilder().setData(ByteString.copyFrom(buf, 0, n)).build());
            }
            upload.onCompleted();
        } catch (IOException e) {
            upload.onError(Status.CANCELLED.withDescription("local read failed").asRuntimeException());
            throw new JobRejectedException("cannot read jar " + jar + ": " + e.getMessage());
        }
        try {
            return done.get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS).getSha256();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StatusRuntimeException s) {
                throw translate(s);
            }
            throw new ClusterUnreachableException("jar upload failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new ClusterUnreachableException("jar upload timed out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterUnreachableException("interrupted");
        }
    }

    public JobStatus status(String jobId) throws JobRejectedException, ClusterUnreachableException {
        try {
            return StatusProtos.fromProto(blocking.withDeadlineAfter(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .getJob(JobRequest.newBuilder().setJobId(jobId).build()));
        } catch (StatusRuntimeException e) {
            throw translate(e);
        }
    }

    public List<JobStatus> jobs() throws ClusterUnreachableException, JobRejectedException {
        try {
            return blocking.withDeadlineAfter(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .listJobs(ListJobsRequest.getDefaultInstance()).getJobsList().stream()
                    .map(StatusProtos::fromProto).toList();
        } catch (StatusRuntimeException e) {
            throw translate(e);
        }
    }

    /** Kills a running job; a finished job is returned as it is. */
    public JobStatus kill(String jobId) throws JobRejectedException, ClusterUnreachableException {
        try {
            return StatusProtos.fromProto(blocking.withDeadlineAfter(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .killJob(JobRequest.newBuilder().setJobId(jobId).build()));
        } catch (StatusRuntimeException e) {
            throw translate(e);
        }
    }

    public List<WorkerAddress> workers() throws ClusterUnreachableException, JobRejectedException {
        try {
            return blocking.withDeadlineAfter(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .listWorkers(ListWorkersRequest.getDefaultInstance()).getWorkersList().stream()
                    .map(Protos::fromProto).toList();
        } catch (StatusRuntimeException e) {
            throw translate(e);
        }
    }

    /**
     * Waits for the job to finish, passing every progress update to {@code progress} (on this thread).
     *
     * @return the final status
     */
    public JobStatus await(String jobId, Consumer<JobStatus> progress)
            throws JobRejectedException, ClusterUnreachableException {
        JobStatus last = null;
        int failures = 0;
        while (true) {
            try {
                Iterator<io.quern.proto.JobStatus> updates =
                        blocking.watchJob(JobRequest.newBuilder().setJobId(jobId).build());
                while (updates.hasNext()) {
                    last = StatusProtos.fromProto(updates.next());
                    progress.accept(last);
                    failures = 0;
                }
                if (last != null && last.isDone()) {
                    return last;
                }
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.UNAVAILABLE || ++failures > 5) {
                    throw translate(e);
                }
                try {
                    TimeUnit.MILLISECONDS.sleep(200L << failures); // the coordinator may be restarting
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new ClusterUnreachableException("interrupted");
                }
            }
        }
    }

    private JobRejectedException translateRejected(StatusRuntimeException e) {
        return new JobRejectedException(e.getStatus().getDescription());
    }

    /** Throws the checked exception a status means; returns the unchecked one for anything else. */
    private RuntimeException translate(StatusRuntimeException e) throws JobRejectedException,
            ClusterUnreachableException {
        Optional<String> tlsFailure = tlsFailure(e);
        if (tlsFailure.isPresent()) {
            throw new JobRejectedException("TLS with the coordinator at " + coordinatorAddress + " failed: "
                    + tlsFailure.get() + " (is --tls-cert signed by the cluster's CA, and --tls-ca the CA that"
                    + " signed the coordinator's?)");
        }
        switch (e.getStatus().getCode()) {
            case INVALID_ARGUMENT, NOT_FOUND, ALREADY_EXISTS, FAILED_PRECONDITION -> throw translateRejected(e);
            case PERMISSION_DENIED, UNAUTHENTICATED -> throw new JobRejectedException("the coordinator at "
                    + coordinatorAddress + " refused this client: " + e.getStatus().getDescription());
            case UNAVAILABLE, DEADLINE_EXCEEDED -> throw new ClusterUnreachableException(
                    "coordinator unreachable (ZooKeeper " + zkConnect + "): " + e.getStatus().getDescription(), e);
            default -> {
                return new IllegalStateException("coordinator error: " + e.getStatus().getCode() + ": "
                        + e.getStatus().getDescription(), e);
            }
        }
    }

    /**
     * What failed when a call ended for a failed TLS handshake: either side refused the other's
     * certificate. That is a setting to change, not a cluster that is down.
     */
    private static Optional<String> tlsFailure(StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.UNAVAILABLE) {
            return Optional.empty();
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof javax.net.ssl.SSLException) {
                return Optional.of(firstLine(t.getMessage()));
            }
        }
        return Optional.empty();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no reason given";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    @Override
    public void close() {
        Channels.close(channel);
        zk.close();
        loops.close();
    }
}
