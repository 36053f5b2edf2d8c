package io.quern.coordinator.rpc;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.quern.common.job.AttemptId;
import io.quern.common.job.TaskAssignment;
import io.quern.common.job.WorkerAddress;
import io.quern.common.rpc.Channels;
import io.quern.common.rpc.EventLoops;
import io.quern.common.rpc.Protos;
import io.quern.coordinator.schedule.WorkerGateway;
import io.quern.coordinator.schedule.WorkerUnreachableException;
import io.quern.proto.CleanupJobRequest;
import io.quern.proto.StartTaskResponse;
import io.quern.proto.WorkerServiceGrpc;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reaches workers over gRPC, one channel per live worker. Thread-safe. */
public final class GrpcWorkerGateway implements WorkerGateway, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GrpcWorkerGateway.class);
    private static final long CALL_TIMEOUT_SECONDS = 10;
    private final Map<String, Peer> peers = new ConcurrentHashMap<>();
    private final EventLoops loops; // null: gRPC's shared network threads

    public GrpcWorkerGateway() {
        this(null);
    }

    /** @param loops the network threads of the channels to workers; nullable */
    public GrpcWorkerGateway(EventLoops loops) {
        this.loops = loops;
    }

    private record Peer(WorkerAddress address, ManagedChannel channel) {}

    @Override
    public CompletableFuture<Void> startTask(WorkerAddress worker, TaskAssignment task) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Futures.addCallback(stub(worker).withDeadlineAfter(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .startTask(Protos.toProto(task)), new FutureCallback<StartTaskResponse>() {
                    @Override
                    public void onSuccess(StartTaskResponse result) {
                        done.complete(null);
                    }

                    @Override
                    public void onFailure(Throwable t) {
                        Status.Code code = Status.fromThrowable(t).getCode();
                        done.completeExceptionally(code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED
                                ? new WorkerUnreachableException(worker.workerId() + " unreachable: "
                                        + Status.fromThrowable(t).getDescription(), t)
                                : t);
                    }
                }, MoreExecutors.directExecutor());
        return done;
    }

    @Override
    public void killTask(WorkerAddress worker, AttemptId attempt) {
        Futures.addCallback(stub(worker).withDeadlineAfter(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .killTask(Protos.toProto(attempt)), logFailure("kill " + attempt + " on " + worker.workerId()),
                MoreExecutors.directExecutor());
    }

    @Override
    public void cleanupJob(WorkerAddress worker, String jobId) {
        Futures.addCallback(stub(worker).withDeadlineAfter(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .cleanupJob(CleanupJobRequest.newBuilder().setJobId(jobId).build()),
                logFailure("clean up " + jobId + " on " + worker.workerId()), MoreExecutors.directExecutor());
    }

    @Override
    public void forget(String workerId) {
        Peer p = peers.remove(workerId);
        if (p != null) {
            p.channel().shutdownNow();
        }
    }

    @Override
    public void close() {
        for (String id : peers.keySet()) {
            forget(id);
        }
    }

    private WorkerServiceGrpc.WorkerServiceFutureStub stub(WorkerAddress worker) {
        Peer p = peers.compute(worker.workerId(), (id, old) -> {
            if (old != null && old.address().equals(worker)) {
                return old;
            }
            if (old != null) {
                old.channel().shutdownNow();
            }
            return new Peer(worker, loops == null ? Channels.open(worker.host(), worker.port())
                    : Channels.open(worker.host(), worker.port(), loops));
        });
        return WorkerServiceGrpc.newFutureStub(p.channel());
    }

    private static <T> FutureCallback<T> logFailure(String what) {
        return new FutureCallback<>() {
            @Override
            public void onSuccess(T result) {}

            @Override
            public void onFailure(Throwable t) {
                log.debug("could not {}: {}", what, t.toString());
            }
        };
    }
}
