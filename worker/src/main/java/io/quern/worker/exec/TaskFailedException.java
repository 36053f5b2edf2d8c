package io.quern.worker.exec;

/** An attempt failed for a reason worth one line in the job's summary. */
public final class TaskFailedException extends Exception {
    public TaskFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    public TaskFailedException(String message) {
        super(message);
    }
}
