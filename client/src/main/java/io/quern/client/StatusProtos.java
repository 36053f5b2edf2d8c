package io.quern.client;

import io.quern.common.rpc.Protos;
import io.quern.proto.PhaseProgress;

/** Converts the wire's job status to the client's. */
final class StatusProtos {
    private StatusProtos() {}

    static JobStatus fromProto(io.quern.proto.JobStatus s) {
        return new JobStatus(s.getJobId(), s.getName(), Protos.fromProto(s.getState()), s.getOutput(),
                phase(s.getMap()), phase(s.getReduce()), s.getCountersMap(), s.getDiagnostics(),
                s.getSubmitTimeMillis(), s.getFinishTimeMillis(), s.getBytesRead(), s.getBytesShuffled(),
                s.getEventsList(), s.getSkippedRecordsList(),
                s.getRunningTasksList().stream().map(StatusProtos::task).toList(), mitigation(s.getMitigation()));
    }

    private static TaskProgress task(io.quern.proto.TaskProgress t) {
        return new TaskProgress(t.getTaskId(), t.getAttempt(), t.getWorkerId(), Protos.fromProto(t.getPhase()),
                t.getFraction(), t.getRate(), t.getMillisLeft(), t.getBackup());
    }

    private static Mitigation mitigation(io.quern.proto.Mitigation m) {
        return new Mitigation(m.getSpeculation(), m.getSkewMitigation(), m.getBackupsLaunched(), m.getBackupsWon(),
                m.getMapsSplit(), m.getSplitTasksAdded(), m.getPartitions(), m.getReduceBytesList(),
                m.getLargestPartitionsList().stream()
                        .map(p -> new Mitigation.PartitionSize(p.getPartition(), p.getBytes())).toList(),
                m.getHotKeysList().stream().map(Protos::fromProto).toList(), m.getMapOutputRecords());
    }

    private static Phase phase(PhaseProgress p) {
        return new Phase(p.getTotal(), p.getPending(), p.getRunning(), p.getSucceeded(), p.getFailedAttempts(),
                p.getFraction(), p.getElapsedMillis());
    }
}
