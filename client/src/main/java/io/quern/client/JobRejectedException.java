package io.quern.client;

/**
 * The cluster refused a job or a request: as invalid (bad input, unknown job), or for this
 * client's credentials (a TLS handshake either side refused, a certificate of a role the service
 * does not take). Exit code 2 at the CLI: only other input or settings mend it.
 */
public final class JobRejectedException extends Exception {
    public JobRejectedException(String message) {
        super(message);
    }
}
