package io.quern.worker.exec;

/** Thrown inside a task when its attempt was killed, to unwind it promptly. */
final class AttemptKilledException extends RuntimeException {
    AttemptKilledException() {
        super("killed", null, false, false);
    }
}
