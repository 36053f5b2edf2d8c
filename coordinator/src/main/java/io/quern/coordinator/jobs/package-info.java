/**
 * Admitting jobs and owning their files: validation before any task runs
 * ({@link io.quern.coordinator.jobs.JobAdmission}), the allowed roots of job paths
 * ({@link io.quern.coordinator.jobs.PathRoots}), content-addressed job jars
 * ({@link io.quern.coordinator.jobs.JarStore}) and the exactly-once output protocol
 * ({@link io.quern.coordinator.jobs.FileOutputCommitter}).
 */
package io.quern.coordinator.jobs;
