package io.quern.coordinator.schedule;

/** The tasks of one phase (map or reduce) of a job at one moment. */
public record PhaseProgress(int total, int pending, int running, int succeeded, int failedAttempts,
                            double fraction, long elapsedMillis) {
}
