package io.quern.worker.rpc;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.quern.common.rpc.Protos;
import io.quern.proto.AttemptRef;
import io.quern.proto.CleanupJobRequest;
import io.quern.proto.CleanupJobResponse;
import io.quern.proto.KillTaskResponse;
import io.quern.proto.StartTaskResponse;
import io.quern.proto.TaskAssignment;
import io.quern.proto.WorkerServiceGrpc;
import io.quern.worker.exec.TaskExecutor;

/** The coordinator's commands to this worker: a thin adapter over {@link TaskExecutor}. */
public final class WorkerRpcService extends WorkerServiceGrpc.WorkerServiceImplBase {
    private final TaskExecutor executor;

    public WorkerRpcService(TaskExecutor executor) {
        this.executor = executor;
    }

    @Override
    public void startTask(TaskAssignment request, StreamObserver<StartTaskResponse> out) {
        try {
            executor.start(Protos.fromProto(request));
        } catch (IllegalArgumentException e) {
            out.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        out.onNext(StartTaskResponse.getDefaultInstance());
        out.onCompleted();
    }

    @Override
    public void killTask(AttemptRef request, StreamObserver<KillTaskResponse> out) {
        executor.kill(Protos.fromProto(request));
        out.onNext(KillTaskResponse.getDefaultInstance());
        out.onCompleted();
    }

    @Override
    public void cleanupJob(CleanupJobRequest request, StreamObserver<CleanupJobResponse> out) {
        executor.cleanupJob(request.getJobId());
        out.onNext(CleanupJobResponse.getDefaultInstance());
        out.onCompleted();
    }
}
