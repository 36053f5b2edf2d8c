/**
 * The reduce side of the shuffle: fetching a reduce task's partitions from the workers that hold
 * the map outputs, one segment per map and partition, in parallel with a bound, verified by length
 * and CRC32, into the bounded-memory merger; and what guards it, the job shuffle secrets this worker
 * holds ({@code JobSecrets}) and the request signatures made and checked with them
 * ({@code ShuffleAuth}). The serving side is
 * {@code io.quern.worker.rpc.ShuffleRpcService}.
 */
package io.quern.worker.shuffle;
