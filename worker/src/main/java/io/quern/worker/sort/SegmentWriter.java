package io.quern.worker.sort;

import io.quern.common.job.Compression;
import io.quern.worker.compress.BlockCodec;
import io.quern.worker.compress.BlockCodecs;
import io.quern.worker.compress.BlockOutput;
import io.quern.worker.storage.DiskQuota;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * Writes consecutive segments into one file through a reused buffer, so appending a record costs
 * two varints and two array copies. Uncompressed, the buffer goes to the file as it is, and each
 * segment's CRC32 is computed as it is flushed. Compressed, the buffer is one block's worth of raw
 * bytes, encoded as a block whenever it fills and at the end of each segment (so that no block
 * spans two segments and each segment can be read alone), and the CRC32 covers the stored blocks.
 * The bytes are reserved in the worker's disk account before they reach the file, a buffer or a
 * block at a time. Confined to one thread.
 */
final class SegmentWriter implements RecordSink, Closeable {
    static final int BUFFER_BYTES = 128 * 1024;

    private final FileChannel channel;
    private final DiskQuota.Charge charge;
    /** Bytes of the file reserved in {@link #charge} so far. */
    private long reserved;
    /** Null when uncompressed. */
    private final BlockOutput blocks;
    private final byte[] buf;
    private final ByteBuffer bb;
    private final CRC32 crc = new CRC32();
    private int pos;
    /** Start of the buffered bytes not yet added to {@link #crc}. */
    private int crcMark;
    /** Raw bytes that have left the buffer. */
    private long rawFlushed;
    private long segmentStart;
    private long segmentRawStart;
    private long segmentRecords;
    private long records;

    private SegmentWriter(FileChannel channel, BlockCodec codec, DiskQuota.Charge charge) {
        this.channel = channel;
        this.charge = charge;
        this.blocks = codec == null ? null : new BlockOutput(channel, codec);
        this.buf = new byte[codec == null ? BUFFER_BYTES : BlockCodec.MAX_BLOCK_BYTES];
        this.bb = ByteBuffer.wrap(buf);
    }

    /** Creates or truncates {@code file}, for uncompressed segments. */
    static SegmentWriter create(Path file) throws IOException {
        return create(file, Compression.NONE);
    }

    /** Creates or truncates {@code file}, for segments compressed with {@code c}. */
    static SegmentWriter create(Path file, Compression c) throws IOException {
        return create(DiskQuota.untracked().file(file), c);
    }

    /** Creates or truncates the charge's file, for segments compressed with {@code c}, counted in its account. */
    static SegmentWriter create(DiskQuota.Charge file, Compression c) throws IOException {
        BlockCodec codec = BlockCodecs.open(c);
        FileChannel ch;
        try {
            ch = FileChannel.open(file.path(), StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
        } catch (IOException | RuntimeException e) {
            if (codec != null) {
                codec.close();
            }
            throw e;
        }
        return new SegmentWriter(ch, codec, file);
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
    IndexEntry endSegment() throws IOException {
        long rawEnd = rawFlushed + pos;
        long end;
        long checksum;
        if (blocks == null) {
            crc.update(buf, crcMark, pos - crcMark);
            crcMark = pos;
            end = rawEnd;
            checksum = crc.getValue();
            crc.reset();
        } else {
            flush();
            end = blocks.position();
            checksum = blocks.takeChecksum();
        }
        IndexEntry e = new IndexEntry(segmentStart, end - segmentStart, rawEnd - segmentRawStart, segmentRecords,
                checksum);
        segmentStart = end;
        segmentRawStart = rawEnd;
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
            if (blocks != null) {
                blocks.flush();
            }
        } finally {
            if (blocks != null) {
                blocks.close();
            }
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
        if (blocks != null) {
            if (pos > 0) {
                blocks.write(buf, 0, pos);
                // Reserved once staged, so before BlockOutput writes the stage to the file.
                reserveTo(blocks.position());
            }
        } else {
            reserveTo(rawFlushed + pos);
            crc.update(buf, crcMark, pos - crcMark);
            bb.clear().limit(pos);
            while (bb.hasRemaining()) {
                channel.write(bb);
            }
            crcMark = 0;
        }
        rawFlushed += pos;
        pos = 0;
    }

    private void reserveTo(long fileBytes) throws IOException {
        if (fileBytes > reserved) {
            charge.reserve(fileBytes - reserved);
            reserved = fileBytes;
        }
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
