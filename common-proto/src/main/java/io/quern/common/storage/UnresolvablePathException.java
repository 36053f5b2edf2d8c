package io.quern.common.storage;

import java.io.IOException;

/** A path whose real location cannot be told (see {@link JobStorage#realPath}). */
public final class UnresolvablePathException extends IOException {
    /** Why. */
    public enum Reason {
        /** {@link #at()} is a link to nothing. */
        DANGLING_LINK,
        /** A {@code ..} in the part of the path that does not exist. */
        CLIMBS_OUT
    }

    private final Reason reason;
    private final String at;

    public UnresolvablePathException(Reason reason, String at) {
        super(reason + ": " + at);
        this.reason = reason;
        this.at = at;
    }

    public Reason reason() {
        return reason;
    }

    /** The link that leads nowhere, or the path that climbs out. */
    public String at() {
        return at;
    }
}
