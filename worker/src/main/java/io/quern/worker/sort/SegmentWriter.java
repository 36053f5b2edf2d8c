package io.quern.worker.sort;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * Writes consecutive segments into one file through a reused buffer, computing each segment's CRC32
 * as the buffer is flushed, so appending a record costs two varints and two array copies. Confined to
 * one thread.
 */
final class SegmentWriter implements RecordSink, Closeable {
    static final int BUFFER_BYTES = 128 * 1024;

    private final FileChannel channel;
    private final byte[] buf;
    private final ByteBuffer bb;
    private final CRC32 crc = new CRC32();
    private int pos;
    /** Start of the buffered bytes not yet added to {@link #crc}. */
    private int crcMark;
    private long flushed;
    private long segmentStart;
    private long segmentRecords;
    private long records;

    private SegmentWriter(FileChannel channel, int bufferBytes) {
        this.channel = channel;
        this.buf = new byte[bufferBytes];
        this.bb = ByteBuffer.wrap(buf);
    }

    /** Creates or truncates {@code file}. */
    static SegmentWriter create(Path file) throws IOException {
        return new SegmentWriter(FileChannel.open(file, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), BUFFER_BYTES);
    }

    @Override
    public void append(byte[] k, int koff, int klen, byte[] v, int voff, int vlen) throws IOException {
        if (buf.length - pos < 10) {
            flush();
        }
        pos = putVarint(buf, pos, klen);
        pos = putVarint(buf, pos, vlen);
        put(k, koff, klen);
        put(v, voff, vlen);
        segmentRecords++;
        records++;
    }

    /** Copies every record of {@code in} to this writer. */
    void appendAll(RawRecordCursor in) throws IOException {
        while (in.next()) {
            append(in.keyBuffer(), in.keyOffset(), in.keyLength(),
                    in.valueBuffer(), in.valueOffset(), in.valueLength());
        }
    }

    /** Ends the current segment, returns its index entry, and starts the next one. */
    IndexEntry endSegment() {
        crc.update(buf, crcMark, pos - crcMark);
        crcMark = pos;
        long end = flushed + pos;
        IndexEntry e = new IndexEntry(segmentStart, end - segmentStart, segmentRecords, crc.getValue());
        crc.reset();
        segmentStart = end;
        segmentRecords = 0;
        return e;
    }

    /** Records appended over the writer's life. */
    long records() {
        return records;
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            channel.close();
        }
    }

    private void put(byte[] src, int off, int len) throws IOException {
        while (len > 0) {
            if (pos == buf.length) {
                flush();
            }
            int n = Math.min(len, buf.length - pos);
            System.arraycopy(src, off, buf, pos, n);
            pos += n;
            off += n;
            len -= n;
        }
    }

    private void flush() throws IOException {
        crc.update(buf, crcMark, pos - crcMark);
        bb.clear().limit(pos);
        while (bb.hasRemaining()) {
            channel.write(bb);
        }
        flushed += pos;
        pos = 0;
        crcMark = 0;
    }

    /** Writes {@code v >= 0} as an unsigned LEB128 varint at {@code b[p]}; returns the new position. */
    static int putVarint(byte[] b, int p, int v) {
        while ((v & ~0x7f) != 0) {
            b[p++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        b[p++] = (byte) v;
        return p;
    }

    static int varintSize(int v) {
        return v < (1 << 7) ? 1 : v < (1 << 14) ? 2 : v < (1 << 21) ? 3 : v < (1 << 28) ? 4 : 5;
    }

    /** Bytes one record takes in a segment. */
    static long recordSize(int klen, int vlen) {
        return (long) varintSize(klen) + varintSize(vlen) + klen + vlen;
    }
}
