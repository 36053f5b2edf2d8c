package io.quern.worker.sort;

import java.io.IOException;

/**
 * One fetched segment being received by a {@link ShuffleMerger}. Confined to the fetch thread that
 * obtained it. Exactly one of {@link #commit} or {@link #abort} ends it; {@code abort} after a
 * successful commit does nothing, so callers may call it unconditionally in a {@code finally}.
 */
public interface SegmentSink {

    /** Appends fetched bytes; more bytes than the announced length is a corrupt segment. */
    void write(byte[] b, int off, int len) throws IOException;

    /**
     * Checks the received length and CRC32 and hands the segment to the merger. On a mismatch throws
     * {@link CorruptSegmentException} and discards the segment.
     */
    void commit(long expectedCrc32) throws IOException;

    /** Discards the segment, freeing its memory or deleting its file. */
    void abort();
}
