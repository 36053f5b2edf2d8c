package io.quern.coordinator.schedule;

/** The worker could not be reached at all (connection refused, timed out): the worker's fault, not the task's. */
public final class WorkerUnreachableException extends Exception {
    public WorkerUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
