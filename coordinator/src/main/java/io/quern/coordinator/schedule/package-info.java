/**
 * Scheduling: the {@link io.quern.coordinator.schedule.Scheduler} owns every job, task and attempt
 * and the slots of every live worker, and changes them on one serial executor, following explicit
 * transition tables. It reaches workers and the output through two interfaces
 * ({@link io.quern.coordinator.schedule.WorkerGateway}, {@link io.quern.coordinator.schedule.OutputCommitter}),
 * so its logic is tested with fakes and a manual clock.
 */
package io.quern.coordinator.schedule;
