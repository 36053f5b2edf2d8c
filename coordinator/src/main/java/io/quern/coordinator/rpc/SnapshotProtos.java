package io.quern.coordinator.rpc;

import io.quern.common.rpc.Protos;
import io.quern.coordinator.schedule.JobSnapshot;
import io.quern.coordinator.schedule.PhaseProgress;
import io.quern.proto.JobStatus;

/** Converts scheduler snapshots to the wire. */
public final class SnapshotProtos {
    private SnapshotProtos() {}

    public static JobStatus toProto(JobSnapshot s) {
        return JobStatus.newBuilder()
                .setJobId(s.jobId())
                .setName(s.name())
                .setState(Protos.toProto(s.state()))
                .setOutput(s.output())
                .setMap(toProto(s.map()))
                .setReduce(toProto(s.reduce()))
                .putAllCounters(s.counters())
                .setDiagnostics(s.diagnostics())
                .setSubmitTimeMillis(s.submitTimeMillis())
                .setFinishTimeMillis(s.finishTimeMillis())
                .setBytesRead(s.bytesRead())
                .setBytesShuffled(s.bytesShuffled())
                .addAllEvents(s.events())
                .addAllSkippedRecords(s.skippedRecords())
                .build();
    }

    private static io.quern.proto.PhaseProgress toProto(PhaseProgress p) {
        return io.quern.proto.PhaseProgress.newBuilder()
                .setTotal(p.total()).setPending(p.pending()).setRunning(p.running()).setSucceeded(p.succeeded())
                .setFailedAttempts(p.failedAttempts()).setFraction(p.fraction()).setElapsedMillis(p.elapsedMillis())
                .build();
    }
}
