package io.quern.client.cli;

/** The contract's exit codes. */
public final class ExitCodes {
    private ExitCodes() {}

    public static final int OK = 0;
    /** The job failed or was killed. */
    public static final int JOB_FAILED = 1;
    /** Bad usage or bad input. */
    public static final int BAD_INPUT = 2;
    /** The cluster could not be reached. */
    public static final int UNREACHABLE = 3;
}
