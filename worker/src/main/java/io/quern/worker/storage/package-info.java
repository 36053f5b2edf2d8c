/** The worker's local data directory: where intermediate data, cached jars and logs live. */
package io.quern.worker.storage;
