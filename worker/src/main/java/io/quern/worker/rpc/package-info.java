/**
 * The worker's gRPC surface and its client side: commands from the coordinator, the shuffle
 * server, and the link back to the coordinator for reports, heartbeats and jars.
 */
package io.quern.worker.rpc;
