package io.quern.common.job;

/** A running attempt's progress, sent with every heartbeat. */
public record AttemptProgress(AttemptId attempt, double fraction, long bytesRead, long bytesShuffled) {
    public AttemptProgress {
        fraction = Math.max(0, Math.min(1, fraction));
    }
}
