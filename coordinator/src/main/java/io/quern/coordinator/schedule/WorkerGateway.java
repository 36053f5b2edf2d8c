package io.quern.coordinator.schedule;

import io.quern.common.job.AttemptId;
import io.quern.common.job.TaskAssignment;
import io.quern.common.job.WorkerAddress;
import java.util.concurrent.CompletableFuture;

/** How the scheduler reaches workers; implemented over gRPC, faked in tests. */
public interface WorkerGateway {

    /**
     * Asks the worker to run an attempt. Completes exceptionally with {@link WorkerUnreachableException}
     * when the worker cannot be reached at all, and with another exception when it refused.
     */
    CompletableFuture<Void> startTask(WorkerAddress worker, TaskAssignment task);

    /** Best effort: the worker stops the attempt and discards its output. */
    void killTask(WorkerAddress worker, AttemptId attempt);

    /** Best effort: the worker deletes everything it holds for the job. */
    void cleanupJob(WorkerAddress worker, String jobId);

    /** The worker left the cluster: release what is held for it. */
    void forget(String workerId);
}
