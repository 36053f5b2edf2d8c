/**
 * Serialization of keys and values into byte encodings whose unsigned lexicographic order is the
 * contract's key order, so that the sort, spill, merge and shuffle work on bytes and never decode;
 * and the hash of serialized keys that partitions them.
 */
package io.quern.worker.codec;
