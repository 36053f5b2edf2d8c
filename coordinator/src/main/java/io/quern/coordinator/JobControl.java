package io.quern.coordinator;

import io.quern.common.job.JobSpec;
import io.quern.common.job.WorkerAddress;
import io.quern.coordinator.jobs.AdmittedJob;
import io.quern.coordinator.jobs.InvalidJobException;
import io.quern.coordinator.jobs.JobAdmission;
import io.quern.coordinator.schedule.JobListener;
import io.quern.coordinator.schedule.JobSnapshot;
import io.quern.coordinator.schedule.OutputCommitter;
import io.quern.coordinator.schedule.Scheduler;
import io.quern.coordinator.store.JobStore;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The coordinator's transport-independent face for clients: submit (validate, record, set up the
 * output, schedule), inspect, watch and kill jobs. Validation does file and class-loading I/O, so it
 * runs on its own executor, never the scheduler's. Thread-safe.
 */
public final class JobControl {
    private final JobAdmission admission;
    private final JobStore store;
    private final OutputCommitter committer;
    private final Scheduler scheduler;
    private final Executor admissionExecutor;

    public JobControl(JobAdmission admission, JobStore store, OutputCommitter committer, Scheduler scheduler,
                      Executor admissionExecutor) {
        this.admission = admission;
        this.store = store;
        this.committer = committer;
        this.scheduler = scheduler;
        this.admissionExecutor = admissionExecutor;
    }

    /** Completes with the job id, or exceptionally with {@link InvalidJobException} for a job that cannot run. */
    public CompletableFuture<String> submit(JobSpec spec) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                AdmittedJob admitted = admission.admit(spec);
                String id = store.create(admitted.spec());
                try {
                    committer.setupJob(admitted.spec());
                } catch (FileAlreadyExistsException e) {
                    throw new InvalidJobException("output already exists: " + spec.output());
                } catch (IOException e) {
                    throw new InvalidJobException("cannot create output " + spec.output() + ": " + e.getMessage());
                }
                scheduler.addJob(id, admitted.spec(), admitted.splits(), admitted.shuffleSecret()).join();
                return id;
            } catch (InvalidJobException e) {
                throw new CompletionException(e);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, admissionExecutor);
    }

    public CompletableFuture<JobSnapshot> job(String id) {
        return scheduler.job(id).thenApply(s -> s.orElseThrow(() -> new UnknownJobException(id)));
    }

    public CompletableFuture<List<JobSnapshot>> jobs() {
        return scheduler.jobs();
    }

    public CompletableFuture<JobSnapshot> kill(String id) {
        return scheduler.kill(id).thenApply(s -> s.orElseThrow(() -> new UnknownJobException(id)));
    }

    public CompletableFuture<List<WorkerAddress>> workers() {
        return scheduler.workers();
    }

    /** Streams a job's snapshots to the listener; fails with {@link UnknownJobException} for an unknown job. */
    public CompletableFuture<Void> watch(String id, JobListener listener) {
        return scheduler.watch(id, listener).thenAccept(known -> {
            if (!known) {
                throw new UnknownJobException(id);
            }
        });
    }

    public void unwatch(String id, JobListener listener) {
        scheduler.unwatch(id, listener);
    }

    /** No job of that id is known to this coordinator. */
    public static final class UnknownJobException extends RuntimeException {
        public UnknownJobException(String id) {
            super("unknown job " + id);
        }
    }
}
