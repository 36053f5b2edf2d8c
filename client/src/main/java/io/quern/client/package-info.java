/**
 * The Java client: build a {@link io.quern.client.JobRequest}, submit it with
 * {@link io.quern.client.QuernClient}, follow its progress and read its counters.
 */
package io.quern.client;
