package io.quern.coordinator.rpc;

import com.google.protobuf.ByteString;
import io.grpc.stub.StreamObserver;
import io.quern.common.rpc.Protos;
import io.quern.coordinator.jobs.JarStore;
import io.quern.coordinator.schedule.Scheduler;
import io.quern.proto.AttemptReport;
import io.quern.proto.AttemptReportResponse;
import io.quern.proto.HeartbeatRequest;
import io.quern.proto.HeartbeatResponse;
import io.quern.proto.JarChunk;
import io.quern.proto.JarRef;
import io.quern.proto.TaskTrackerServiceGrpc;
import java.io.IOException;
import java.io.InputStream;

/** Worker-facing gRPC adapter: attempt reports, heartbeats, and jar downloads. */
public final class TaskTrackerRpcService extends TaskTrackerServiceGrpc.TaskTrackerServiceImplBase {
    private static final int JAR_CHUNK = 1 << 20;
    private final Scheduler scheduler;
    private final JarStore jars;

    public TaskTrackerRpcService(Scheduler scheduler, JarStore jars) {
        this.scheduler = scheduler;
        this.jars = jars;
    }

    @Override
    public void reportAttempt(AttemptReport request, StreamObserver<AttemptReportResponse> out) {
        try {
            scheduler.attemptEnded(Protos.fromProto(request));
        } catch (IllegalArgumentException e) {
            out.onError(StatusMapping.toStatus(e));
            return;
        }
        out.onNext(AttemptReportResponse.getDefaultInstance());
        out.onCompleted();
    }

    @Override
    public void heartbeat(HeartbeatRequest request, StreamObserver<HeartbeatResponse> out) {
        CoordinatorRpcService.reply(
                scheduler.heartbeat(request.getWorkerId(),
                        request.getRunningList().stream().map(Protos::fromProto).toList()),
                reply -> HeartbeatResponse.newBuilder()
                        .addAllKill(reply.kill().stream().map(Protos::toProto).toList())
                        .addAllStop(reply.stop().stream().map(Protos::toProto).toList()).build(),
                out);
    }

    @Override
    public void fetchJar(JarRef request, StreamObserver<JarChunk> out) {
        try (InputStream in = jars.open(request.getSha256())) {
            byte[] buf = new byte[JAR_CHUNK];
            int n;
            while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
                out.onNext(JarChunk.newBuilder().setData(ByteString.copyFrom(buf, 0, n)).build());
            }
            out.onCompleted();
        } catch (IOException e) {
            out.onError(io.grpc.Status.NOT_FOUND.withDescription(e.getMessage()).asRuntimeException());
        }
    }
}
