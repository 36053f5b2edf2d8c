package io.quern.coordinator.jobs;

/** A submitted job cannot run as given; the message is one line naming what is wrong (exit 2 at the CLI). */
public final class InvalidJobException extends Exception {
    public InvalidJobException(String message) {
        super(message);
    }
}
