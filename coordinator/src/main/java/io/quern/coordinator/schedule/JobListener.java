package io.quern.coordinator.schedule;

/** Receives a job's snapshots: while it runs, then once terminal (the last call). Called on the scheduler thread; must not block. */
@FunctionalInterface
public interface JobListener {
    void onUpdate(JobSnapshot snapshot);
}
