package io.quern.worker.shuffle;

/** A shuffle request is not signed with its job's secret: the serving worker refuses it (PERMISSION_DENIED). */
public final class ShuffleDeniedException extends Exception {
    public ShuffleDeniedException(String message) {
        super(message);
    }
}
