package io.quern.coordinator.jobs;

import io.quern.common.job.FileRange;
import io.quern.common.job.JobSpec;
import io.quern.common.security.ShuffleSecret;
import java.util.List;

/**
 * A job that passed validation: its spec with classes resolved, its map splits, and the shuffle
 * secret made for it (held in memory only: jobs do not outlive the coordinator that admitted them).
 */
public record AdmittedJob(JobSpec spec, List<List<FileRange>> splits, long inputBytes, ShuffleSecret shuffleSecret) {
    public AdmittedJob {
        splits = List.copyOf(splits);
        java.util.Objects.requireNonNull(shuffleSecret, "shuffleSecret");
    }
}
