package io.quern.worker.sort;

import java.io.IOException;
import java.util.zip.CRC32;

/**
 * The checks every {@link ShuffleMerger} sink makes on the bytes it receives, as they are stored
 * (compressed or not): no more than announced, and at the commit exactly as many, with the CRC32
 * the map side wrote. A corrupt segment is discarded before the exception is thrown, so the bytes
 * are checked before anything is decompressed. Confined to the thread that writes the segment.
 */
abstract class CheckedSink implements SegmentSink {
    final long length;
    final CRC32 crc = new CRC32();
    long received;
    /** Set by the owning thread, under the merger lock together with the merger state it changes. */
    boolean done;

    CheckedSink(long length) {
        this.length = length;
    }

    @Override
    public final void write(byte[] b, int off, int len) throws IOException {
        checkActive();
        if (len > length - received) {
            abort();
            throw new CorruptSegmentException("segment longer than the announced " + length + " bytes");
        }
        store(b, off, len);
        crc.update(b, off, len);
        received += len;
    }

    abstract void store(byte[] b, int off, int len) throws IOException;

    /** Verifies length and checksum before a commit. */
    final void verify(long expectedCrc32) throws CorruptSegmentException {
        checkActive();
        if (received != length) {
            abort();
            throw new CorruptSegmentException("segment length mismatch: expected " + length
                    + " bytes, received " + received);
        }
        if (crc.getValue() != expectedCrc32) {
            abort();
            throw new CorruptSegmentException("segment CRC32 mismatch: expected " + expectedCrc32
                    + ", computed " + crc.getValue());
        }
    }

    private void checkActive() {
        if (done) {
            throw new IllegalStateException("segment already committed or aborted");
        }
    }
}
