package io.quern.common.types;

/** A user class declares a key or value type the engine cannot serialize; the message names both. */
public final class UnsupportedTypeException extends IllegalArgumentException {
    public UnsupportedTypeException(String message) {
        super(message);
    }
}
