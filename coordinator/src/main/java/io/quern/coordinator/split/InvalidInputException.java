package io.quern.coordinator.split;

/**
 * An {@code --input} the job cannot read: missing, unreadable, or neither a file nor a directory.
 * The message is one line naming the path, fit to show the user as it is.
 */
public final class InvalidInputException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }
}
