/**
 * The reduce side of the shuffle: fetching a reduce task's partitions from the workers that hold
 * the map outputs, one segment per map and partition, in parallel with a bound, verified by length
 * and CRC32, into the bounded-memory merger. The serving side is
 * {@code io.quern.worker.rpc.ShuffleRpcService}.
 */
package io.quern.worker.shuffle;
