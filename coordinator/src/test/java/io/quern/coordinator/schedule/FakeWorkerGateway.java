package io.quern.coordinator.schedule;

import io.quern.common.job.AttemptId;
import io.quern.common.job.TaskAssignment;
import io.quern.common.job.WorkerAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Records what the scheduler asks of workers. Each {@code startTask} returns a future the test may
 * complete or fail (left pending, the attempt simply counts as started).
 */
final class FakeWorkerGateway implements WorkerGateway {

    /** One {@code startTask} call and the reply the test controls. */
    record Start(WorkerAddress worker, TaskAssignment task, CompletableFuture<Void> reply) {
        AttemptId attempt() {
            return task.attempt();
        }

        String workerId() {
            return worker.workerId();
        }
    }

    record Kill(String workerId, AttemptId attempt) {
    }

    record Cleanup(String workerId, String jobId) {
    }

    final List<Start> starts = new ArrayList<>();
    final List<Kill> kills = new ArrayList<>();
    final List<Cleanup> cleanups = new ArrayList<>();
    final List<String> forgotten = new ArrayList<>();

    @Override
    public CompletableFuture<Void> startTask(WorkerAddress worker, TaskAssignment task) {
        Start s = new Start(worker, task, new CompletableFuture<>());
        starts.add(s);
        return s.reply();
    }

    @Override
    public void killTask(WorkerAddress worker, AttemptId attempt) {
        kills.add(new Kill(worker.workerId(), attempt));
    }

    @Override
    public void cleanupJob(WorkerAddress worker, String jobId) {
        cleanups.add(new Cleanup(worker.workerId(), jobId));
    }

    @Override
    public void forget(String workerId) {
        forgotten.add(workerId);
    }

    /** The start of an attempt; fails the test when it was never started. */
    Start start(AttemptId attempt) {
        return starts.stream().filter(s -> s.attempt().equals(attempt)).findFirst()
                .orElseThrow(() -> new AssertionError("attempt " + attempt + " was never started; started: "
                        + startedAttempts()));
    }

    List<AttemptId> startedAttempts() {
        return starts.stream().map(Start::attempt).toList();
    }

    List<AttemptId> killedAttempts() {
        return kills.stream().map(Kill::attempt).toList();
    }
}
