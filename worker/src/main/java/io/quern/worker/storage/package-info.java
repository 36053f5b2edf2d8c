/**
 * The worker's local data directory: where intermediate data, cached jars and logs live, and the
 * one account of the intermediate data's bytes against the worker's disk quota ({@link
 * io.quern.worker.storage.DiskQuota}).
 */
package io.quern.worker.storage;
