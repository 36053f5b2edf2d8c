package io.quern.client;

/** Test access to what a {@link JobRequest} sends, for tests in other packages. */
public final class JobRequests {
    private JobRequests() {}

    /** The spec the cluster would receive for {@code request}, with a placeholder jar digest. */
    public static io.quern.common.job.JobSpec spec(JobRequest request) {
        return request.toSpec(request.jar() == null ? null : "0".repeat(64));
    }
}
