package io.quern.client;

/** The cluster refused a job or a request as invalid (bad input, unknown job); exit code 2 at the CLI. */
public final class JobRejectedException extends Exception {
    public JobRejectedException(String message) {
        super(message);
    }
}
