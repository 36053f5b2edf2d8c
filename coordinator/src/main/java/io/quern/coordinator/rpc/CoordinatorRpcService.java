package io.quern.coordinator.rpc;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.quern.common.job.JobSpec;
import io.quern.common.rpc.Protos;
import io.quern.coordinator.JobControl;
import io.quern.coordinator.jobs.InvalidJobException;
import io.quern.coordinator.jobs.JarStore;
import io.quern.coordinator.schedule.JobListener;
import io.quern.proto.CoordinatorServiceGrpc;
import io.quern.proto.JarChunk;
import io.quern.proto.JarRef;
import io.quern.proto.JobRequest;
import io.quern.proto.JobStatus;
import io.quern.proto.ListJobsRequest;
import io.quern.proto.ListJobsResponse;
import io.quern.proto.ListWorkersRequest;
import io.quern.proto.ListWorkersResponse;
import io.quern.proto.SubmitJobRequest;
import io.quern.proto.SubmitJobResponse;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Client-facing gRPC adapter: converts, calls {@link JobControl}, converts back. */
public final class CoordinatorRpcService extends CoordinatorServiceGrpc.CoordinatorServiceImplBase {
    private final JobControl control;
    private final JarStore jars;

    public CoordinatorRpcService(JobControl control, JarStore jars) {
        this.control = control;
        this.jars = jars;
    }

    @Override
    public void submitJob(SubmitJobRequest request, StreamObserver<SubmitJobResponse> out) {
        JobSpec spec;
        try {
            spec = Protos.fromProto(request.getSpec());
        } catch (IllegalArgumentException e) {
            out.onError(StatusMapping.toStatus(e));
            return;
        }
        reply(control.submit(spec), id -> SubmitJobResponse.newBuilder().setJobId(id).build(), out);
    }

    @Override
    public StreamObserver<JarChunk> uploadJar(StreamObserver<JarRef> out) {
        JarStore.Upload upload;
        try {
            upload = jars.begin();
        } catch (IOException e) {
            out.onError(StatusMapping.toStatus(e));
            return new DiscardingObserver<>();
        }
        return new StreamObserver<>() {
            private boolean failed;

            @Override
            public void onNext(JarChunk chunk) {
                if (failed) {
                    return;
                }
                try {
                    upload.write(chunk.getData().toByteArray());
                } catch (IOException | InvalidJobException e) {
                    failed = true;
                    upload.close();
                    out.onError(StatusMapping.toStatus(e));
                }
            }

            @Override
            public void onError(Throwable t) {
                upload.close();
            }

            @Override
            public void onCompleted() {
                if (failed) {
                    return;
                }
                try {
                    String sha = upload.finish();
                    out.onNext(JarRef.newBuilder().setSha256(sha).setSize(upload.size()).build());
                    out.onCompleted();
                } catch (IOException | InvalidJobException e) {
                    out.onError(StatusMapping.toStatus(e));
                } finally {
                    upload.close();
                }
            }
        };
    }

    @Override
    public void getJob(JobRequest request, StreamObserver<JobStatus> out) {
        reply(control.job(request.getJobId()), SnapshotProtos::toProto, out);
    }

    @Override
    public void watchJob(JobRequest request, StreamObserver<JobStatus> out) {
        ServerCallStreamObserver<JobStatus> call = (ServerCallStreamObserver<JobStatus>) out;
        String id = request.getJobId();
        JobListener listener = new JobListener() {
            @Override
            public void onUpdate(io.quern.coordinator.schedule.JobSnapshot s) {
                if (call.isCancelled()) {
                    return;
                }
                synchronized (call) {
                    call.onNext(SnapshotProtos.toProto(s));
                    if (s.state().isTerminal()) {
                        call.onCompleted();
                    }
                }
            }
        };
        call.setOnCancelHandler(() -> control.unwatch(id, listener));
        control.watch(id, listener).whenComplete((ok, error) -> {
            if (error != null) {
                out.onError(StatusMapping.toStatus(error));
            }
        });
    }

    @Override
    public void listJobs(ListJobsRequest request, StreamObserver<ListJobsResponse> out) {
        reply(control.jobs(), list -> ListJobsResponse.newBuilder()
                .addAllJobs(list.stream().map(SnapshotProtos::toProto).toList()).build(), out);
    }

    @Override
    public void killJob(JobRequest request, StreamObserver<JobStatus> out) {
        reply(control.kill(request.getJobId()), SnapshotProtos::toProto, out);
    }

    @Override
    public void listWorkers(ListWorkersRequest request, StreamObserver<ListWorkersResponse> out) {
        reply(control.workers(), list -> ListWorkersResponse.newBuilder()
                .addAllWorkers(list.stream().map(Protos::toProto).toList()).build(), out);
    }

    static <T, R> void reply(CompletableFuture<T> future, Function<T, R> convert, StreamObserver<R> out) {
        future.whenComplete((value, error) -> {
            if (error != null) {
                out.onError(StatusMapping.toStatus(error));
            } else {
                out.onNext(convert.apply(value));
                out.onCompleted();
            }
        });
    }

    private static final class DiscardingObserver<T> implements StreamObserver<T> {
        @Override
        public void onNext(T value) {}

        @Override
        public void onError(Throwable t) {}

        @Override
        public void onCompleted() {}
    }
}
