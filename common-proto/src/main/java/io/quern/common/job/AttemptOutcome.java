package io.quern.common.job;

/** How a task attempt ended, as its worker reports it. */
public enum AttemptOutcome {
    SUCCEEDED,
    FAILED,
    KILLED
}
