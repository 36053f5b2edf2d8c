package io.quern.common.job;

/** A job's externally visible state (the contract's STATE). */
public enum JobState {
    RUNNING,
    SUCCEEDED,
    FAILED,
    KILLED;

    public boolean isTerminal() {
        return this != RUNNING;
    }
}
