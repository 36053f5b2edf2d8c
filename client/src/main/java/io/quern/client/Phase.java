package io.quern.client;

/** The tasks of one phase of a job at one moment. */
public record Phase(int total, int pending, int running, int succeeded, int failedAttempts, double fraction,
                    long elapsedMillis) {
}
