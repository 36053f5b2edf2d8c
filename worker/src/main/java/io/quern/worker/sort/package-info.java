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
 * key order. Uncompressed ({@code quern.intermediate.compress=none}) a segment is stored as those
 * bytes. Compressed ({@code lz4}, {@code zstd}) it is stored as consecutive blocks, each holding up
 * to 64 KiB of the record bytes (records may span blocks; blocks never span segments), in the format
 * of {@link io.quern.worker.compress.BlockCodec}: {@code int rawLength, int storedLength, int crc32}
 * and the stored bytes. {@code file.out} holds the partitions' stored segments back to back in
 * partition order (an empty partition has length 0); spill files, and the reduce side's segment
 * files, use the same layout and codec. {@code file.index} is a big-endian header {@code int magic
 * 'QIDX', int version 2, int partitions, int codec} (the id of {@link io.quern.common.job.Compression}),
 * then per partition the longs {@code offset, length, rawLength, records, crc32} (length as stored,
 * rawLength of the records; CRC32 of the stored bytes, so that a fetched segment is checked before
 * it is decompressed), then a long holding the CRC32 of all preceding index bytes.
 */
package io.quern.worker.sort;
