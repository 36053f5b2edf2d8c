package io.quern.coordinator.jobs;

import io.quern.common.job.FileRange;
import io.quern.common.job.JobSpec;
import java.util.List;

/** A job that passed validation: its spec with classes resolved, and its map splits. */
public record AdmittedJob(JobSpec spec, List<List<FileRange>> splits, long inputBytes) {
    public AdmittedJob {
        splits = List.copyOf(splits);
    }
}
