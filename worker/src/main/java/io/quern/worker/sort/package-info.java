/**
 * The sort path: the map-side {@link io.quern.worker.sort.MapOutputBuffer} that sorts serialized
 * records in one bounded arena, spills and merges them into a partitioned map output file, and the
 * reduce-side {@link io.quern.worker.sort.ShuffleMerger} that collects fetched segments within a
 * memory budget and merges them into one key-ordered cursor for
 * {@link io.quern.worker.sort.GroupingReducer}. Records stay serialized throughout and are ordered by
 * their key bytes compared unsigned, shorter first on a common prefix, which the codecs make equal to
 * the key order; nothing on the sort and merge paths decodes or allocates per record.
 *
 * <p>On-disk formats, read only by this package. A <em>segment</em> is a sequence of records, each
 * {@code varint keyLength, varint valueLength, key bytes, value bytes} (unsigned LEB128 varints), in
 * key order. {@code file.out} holds the partitions' segments back to back in partition order (an
 * empty partition has length 0); spill files use the same layout. {@code file.index} is a big-endian
 * header {@code int magic 'QIDX', int version 1, int partitions}, then per partition the longs
 * {@code offset, length, records, crc32} (CRC32 of the segment bytes), then a long holding the CRC32
 * of all preceding index bytes.
 */
package io.quern.worker.sort;
