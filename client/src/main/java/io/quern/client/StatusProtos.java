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
                s.getEventsList(), s.getSkippedRecordsList());
    }

    private static Phase phase(PhaseProgress p) {
        return new Phase(p.getTotal(), p.getPending(), p.getRunning(), p.getSucceeded(), p.getFailedAttempts(),
                p.getFraction(), p.getElapsedMillis());
    }
}
