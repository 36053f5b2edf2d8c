package io.quern.api;

/**
 * Chooses the reduce partition of a map output key. Must be deterministic: the same key always
 * goes to the same partition. The default partitioner hashes the key's serialized bytes.
 * The class needs a public no-argument constructor.
 */
public interface Partitioner<K> {

    /**
     * @param key the map output key
     * @param numPartitions the number of reduce tasks, at least 1
     * @return a partition in {@code [0, numPartitions)}; any other value fails the task
     */
    int partition(K key, int numPartitions);
}
