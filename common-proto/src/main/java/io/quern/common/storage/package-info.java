/**
 * Where a job's input and output live, behind {@link io.quern.common.storage.JobStorage}: the
 * coordinator lists and splits inputs and commits outputs through it, and workers read their splits
 * and write their attempt files through it. {@link io.quern.common.storage.JobStorages} picks the
 * store from a path; today the only one is the shared file system
 * ({@link io.quern.common.storage.SharedFileSystemStorage}), a plain absolute path or a
 * {@code file:} URI. Intermediate data (spills, map output, shuffle segments) never goes through
 * here: it stays on each worker's local disk.
 */
package io.quern.common.storage;
