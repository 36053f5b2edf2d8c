package io.quern.worker.exec;

import io.quern.common.job.AttemptResult;

/** Delivers the end of every attempt to the coordinator (reliably, in order). */
public interface AttemptReporter {
    void ended(AttemptResult result);
}
