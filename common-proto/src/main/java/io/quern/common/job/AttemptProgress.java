package io.quern.common.job;

/** A running attempt's progress, sent with every heartbeat. {@code fraction} is of the whole attempt. */
public record AttemptProgress(AttemptId attempt, double fraction, long bytesRead, long bytesShuffled,
                              TaskPhase phase) {
    public AttemptProgress {
        fraction = Math.max(0, Math.min(1, fraction));
        if (phase == null) {
            phase = attempt.task().kind() == TaskKind.MAP ? TaskPhase.MAP : TaskPhase.SHUFFLE;
        }
    }

    /** Progress in the phase a task of its kind starts in (reading for maps, fetching for reduces). */
    public AttemptProgress(AttemptId attempt, double fraction, long bytesRead, long bytesShuffled) {
        this(attempt, fraction, bytesRead, bytesShuffled, null);
    }
}
