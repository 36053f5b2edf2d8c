package io.quern.common.storage;

import java.io.IOException;

/** An input that cannot be read, with why; the caller words the message. */
public final class InputException extends IOException {
    /** Why an input cannot be read. */
    public enum Reason { NOT_FOUND, NOT_READABLE, NOT_FILE_OR_DIRECTORY }

    private final Reason reason;
    private final String path;

    public InputException(Reason reason, String path) {
        super(reason + ": " + path);
        this.reason = reason;
        this.path = path;
    }

    public Reason reason() {
        return reason;
    }

    public String path() {
        return path;
    }
}
