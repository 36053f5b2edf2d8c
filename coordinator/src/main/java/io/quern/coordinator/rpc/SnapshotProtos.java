package io.quern.coordinator.rpc;

import io.quern.common.rpc.Protos;
import io.quern.coordinator.schedule.JobSnapshot;
import io.quern.coordinator.schedule.PhaseProgress;
import io.quern.proto.JobStatus;
import io.quern.proto.Mitigation;
import io.quern.proto.PartitionSize;
import io.quern.proto.TaskProgress;

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
                .addAllRunningTasks(s.running().stream().map(SnapshotProtos::toProto).toList())
                .setMitigation(toProto(s.mitigation()))
                .build();
    }

    private static TaskProgress toProto(JobSnapshot.RunningTask t) {
        TaskProgress.Builder b = TaskProgress.newBuilder().setTaskId(t.taskId()).setAttempt(t.attempt())
                .setWorkerId(t.workerId()).setFraction(t.fraction()).setRate(t.rate())
                .setMillisLeft(t.millisLeft()).setBackup(t.backup());
        if (t.phase() != null) {
            b.setPhase(Protos.toProto(t.phase()));
        }
        return b.build();
    }

    private static Mitigation toProto(JobSnapshot.Mitigation m) {
        return Mitigation.newBuilder().setSpeculation(m.speculation()).setSkewMitigation(m.skewMitigation())
                .setBackupsLaunched(m.backupsLaunched()).setBackupsWon(m.backupsWon()).setMapsSplit(m.mapsSplit())
                .setSplitTasksAdded(m.splitTasksAdded()).setPartitions(m.partitions())
                .addAllReduceBytes(m.reduceBytes())
                .addAllLargestPartitions(m.largestPartitions().stream().map(p -> PartitionSize.newBuilder()
                        .setPartition(p.partition()).setBytes(p.bytes()).build()).toList())
                .addAllHotKeys(m.hotKeys().stream().map(Protos::toProto).toList())
                .setMapOutputRecords(m.mapOutputRecords())
                .build();
    }

    private static io.quern.proto.PhaseProgress toProto(PhaseProgress p) {
        return io.quern.proto.PhaseProgress.newBuilder()
                .setTotal(p.total()).setPending(p.pending()).setRunning(p.running()).setSucceeded(p.succeeded())
                .setFailedAttempts(p.failedAttempts()).setFraction(p.fraction()).setElapsedMillis(p.elapsedMillis())
                .build();
    }
}
