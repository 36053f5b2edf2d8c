/**
 * Block compression of intermediate data: {@link io.quern.worker.compress.BlockCodec} frames up to
 * 64 KiB of record bytes as one self-checking block (its lengths and the CRC32 of its stored bytes,
 * then the bytes, compressed by lz4 or zstd, or kept raw when compression does not shrink them), and
 * {@link io.quern.worker.compress.BlockCodecs} makes a job's codec, failing clearly where the
 * native zstd library does not load. Readers check a block before any byte of it is decompressed, so
 * a corrupt block is an exception, never a crash or wrong records.
 */
package io.quern.worker.compress;
