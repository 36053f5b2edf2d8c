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
    private final EventLoops loops = new EventLoops("client-net", 1);
    private final ManagedChannel channel;
    private final CoordinatorServiceGrpc.CoordinatorServiceBlockingStub blocking;
    private final CoordinatorServiceGrpc.CoordinatorServiceStub async;

    private QuernClient(CuratorFramework zk, String zkConnect, CoordinatorInfo coordinator) {
        this.zk = zk;
        this.zkConnect = zkConnect;
        this.channel = Channels.open(coordinator.getHost(), coordinator.getPort(), loops);
        this.blocking = CoordinatorServiceGrpc.newBlockingStub(channel);
        this.async = CoordinatorServiceGrpc.newStub(channel);
    }

    public static QuernClient connect(String zkConnect) throws ClusterUnreachableException {
        return connect(zkConnect, ZkAuth.NONE, DEFAULT_CONNECT_TIMEOUT);
    }

    /** Connects to a cluster whose znodes are protected by {@code auth} (see {@code --zk-auth}). */
    public static QuernClient connect(String zkConnect, ZkAuth auth) throws ClusterUnreachableException {
        return connect(zkConnect, auth, DEFAULT_CONNECT_TIMEOUT);
    }

    public static QuernClient connect(String zkConnect, Duration timeout) throws ClusterUnreachableException {
        return connect(zkConnect, ZkAuth.NONE, timeout);
    }

    /**
     * @throws ClusterUnreachableException when ZooKeeper does not answer, or no coordinator registers,
     *     within {@code timeout}
     * @throws io.quern.common.cluster.ZkAccessDeniedException when ZooKeeper refuses {@code auth}
     */
    public static QuernClient connect(String zkConnect, ZkAuth auth, Duration timeout)
            throws ClusterUnreachableException {
        CuratorFramework zk = ZkConnections.connect(zkConnect, auth, ZkConnections.DEFAULT_SESSION_TIMEOUT, timeout);
        try {
            return new QuernClient(zk, zkConnect, findCoordinator(zk, zkConnect, timeout));
        } catch (ClusterUnreachableException | RuntimeException e) {
            zk.close();
            throw e;
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
        switch (e.getStatus().getCode()) {
            case INVALID_ARGUMENT, NOT_FOUND, ALREADY_EXISTS, FAILED_PRECONDITION -> throw translateRejected(e);
            case UNAVAILABLE, DEADLINE_EXCEEDED -> throw new ClusterUnreachableException(
                    "coordinator unreachable (ZooKeeper " + zkConnect + "): " + e.getStatus().getDescription(), e);
            default -> {
                return new IllegalStateException("coordinator error: " + e.getStatus().getCode() + ": "
                        + e.getStatus().getDescription(), e);
            }
        }
    }

    @Override
    public void close() {
        Channels.close(channel);
        zk.close();
        loops.close();
    }
}
