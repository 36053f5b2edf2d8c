/**
 * Scheduling: the {@link io.quern.coordinator.schedule.Scheduler} owns every job, task and attempt
 * and the slots of every live worker, and changes them on one serial executor, following explicit
 * transition tables. Two collaborators work on that state on the same thread: the
 * {@code Dispatcher} deals ready tasks to free slots, and the {@code FailurePolicy} decides what a
 * failed or lost attempt means (back-off, bad records, blacklisting, failing the job). Free
 * workers stay ranked in {@code FreeSlots} as they change, and each job keeps its running attempts,
 * so a decision costs O(log workers), not a pass over the cluster or the job. The
 * scheduler reaches workers and the output through two interfaces
 * ({@link io.quern.coordinator.schedule.WorkerGateway}, {@link io.quern.coordinator.schedule.OutputCommitter}),
 * so its logic is tested with fakes and a manual clock.
 */
package io.quern.coordinator.schedule;
