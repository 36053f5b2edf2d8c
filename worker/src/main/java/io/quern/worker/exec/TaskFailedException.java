package io.quern.worker.exec;

import io.quern.common.job.RecordRef;

/** An attempt failed for a reason worth one line in the job's summary, maybe on one identified record. */
public final class TaskFailedException extends Exception {
    private final transient RecordRef badRecord;

    public TaskFailedException(String message, Throwable cause) {
        this(message, cause, null);
    }

    public TaskFailedException(String message) {
        this(message, null, null);
    }

    /** @param badRecord the record whose map or reduce call threw; null when the failure is not a record's */
    public TaskFailedException(String message, Throwable cause, RecordRef badRecord) {
        super(message, cause);
        this.badRecord = badRecord;
    }

    /** The record whose map or reduce call threw, or null. */
    public RecordRef badRecord() {
        return badRecord;
    }
}
