package io.quern.worker.sort;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A cursor over one segment, either an in-memory byte range or a region of a file read through a
 * reused chunk buffer. Keys and values are exposed in place (in the source array or the chunk) and
 * copied into private, growing buffers only when a record is larger than the chunk, so reading
 * allocates nothing per record. A file reader can be {@link #reset} to another region and reused.
 * Confined to one thread.
 */
final class SegmentReader implements RawRecordCursor {
    static final int CHUNK_BYTES = 64 * 1024;
    private static final byte[] EMPTY = new byte[0];

    /** The source array (memory) or the chunk (file); valid bytes are {@code [pos, limit)}. */
    private final byte[] buf;
    private int pos;
    private int limit;
    private final ByteBuffer bb;
    private FileChannel channel;
    private final boolean ownsChannel;
    private long filePos;
    private long fileRemaining;
    private byte[] bigKey = EMPTY;
    private byte[] bigValue = EMPTY;
    private byte[] keyArr = EMPTY;
    private int keyOff;
    private int keyLen;
    private byte[] valArr = EMPTY;
    private int valOff;
    private int valLen;
    private long bytesRead;

    private SegmentReader(byte[] buf, FileChannel channel, boolean ownsChannel) {
        this.buf = buf;
        this.bb = ByteBuffer.wrap(buf);
        this.channel = channel;
        this.ownsChannel = ownsChannel;
    }

    /** Reads {@code len} bytes at {@code b[off]} without copying them. */
    static SegmentReader ofBytes(byte[] b, int off, int len) {
        SegmentReader r = new SegmentReader(b, null, false);
        r.pos = off;
        r.limit = off + len;
        return r;
    }

    /** A reader for regions of files whose channels the caller owns; position it with {@link #reset}. */
    static SegmentReader forChannels() {
        return new SegmentReader(new byte[CHUNK_BYTES], null, false);
    }

    /** Reads the region {@code [offset, offset + length)} of {@code file}; closing the reader closes the file. */
    static SegmentReader ofFile(Path file, long offset, long length) throws IOException {
        SegmentReader r = new SegmentReader(new byte[CHUNK_BYTES], FileChannel.open(file, StandardOpenOption.READ), true);
        r.reset(r.channel, offset, length);
        return r;
    }

    /** Repositions a file reader at the region {@code [offset, offset + length)} of {@code ch}. */
    void reset(FileChannel ch, long offset, long length) {
        if (ownsChannel && ch != channel) {
            throw new IllegalStateException("reader owns its channel");
        }
        channel = ch;
        pos = 0;
        limit = 0;
        filePos = offset;
        fileRemaining = length;
        bytesRead = 0;
    }

    @Override
    public boolean next() throws IOException {
        if (pos == limit && !ensure(1)) {
            return false;
        }
        int klen = readVarint();
        int vlen = readVarint();
        long need = (long) klen + vlen;
        if (need > limit - pos + fileRemaining) {
            // Checked before allocating: a corrupt length must not turn into a huge array.
            throw new IOException("truncated segment: record of " + need + " bytes, "
                    + (limit - pos + fileRemaining) + " left");
        }
        if (limit - pos >= need || (need <= buf.length && ensure((int) need))) {
            keyArr = buf;
            keyOff = pos;
            valArr = buf;
            valOff = pos + klen;
            pos += (int) need;
        } else {
            // Larger than the chunk: copy, because refilling the chunk would overwrite the key.
            if (bigKey.length < klen) {
                bigKey = new byte[klen];
            }
            if (bigValue.length < vlen) {
                bigValue = new byte[vlen];
            }
            readFully(bigKey, klen);
            readFully(bigValue, vlen);
            keyArr = bigKey;
            keyOff = 0;
            valArr = bigValue;
            valOff = 0;
        }
        keyLen = klen;
        valLen = vlen;
        bytesRead += SegmentWriter.recordSize(klen, vlen);
        return true;
    }

    /** Segment bytes consumed so far. */
    long bytesRead() {
        return bytesRead;
    }

    @Override
    public byte[] keyBuffer() {
        return keyArr;
    }

    @Override
    public int keyOffset() {
        return keyOff;
    }

    @Override
    public int keyLength() {
        return keyLen;
    }

    @Override
    public byte[] valueBuffer() {
        return valArr;
    }

    @Override
    public int valueOffset() {
        return valOff;
    }

    @Override
    public int valueLength() {
        return valLen;
    }

    @Override
    public void close() throws IOException {
        if (ownsChannel && channel != null) {
            channel.close();
        }
    }

    private int readVarint() throws IOException {
        long v = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (pos == limit && !ensure(1)) {
                throw new IOException("truncated segment: record header cut off");
            }
            byte b = buf[pos++];
            v |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                if (v > Integer.MAX_VALUE) {
                    break;
                }
                return (int) v;
            }
        }
        throw new IOException("corrupt segment: bad record length");
    }

    private void readFully(byte[] dst, int len) throws IOException {
        int off = 0;
        while (off < len) {
            if (pos == limit && !ensure(1)) {
                throw new IOException("truncated segment: record body cut off");
            }
            int n = Math.min(len - off, limit - pos);
            System.arraycopy(buf, pos, dst, off, n);
            pos += n;
            off += n;
        }
    }

    /**
     * Makes at least {@code n <= buf.length} bytes available at {@code pos} if the source has them,
     * moving the unread rest of the chunk to its front first.
     */
    private boolean ensure(int n) throws IOException {
        if (limit - pos >= n) {
            return true;
        }
        if (channel == null || fileRemaining == 0) {
            return false;
        }
        int rest = limit - pos;
        System.arraycopy(buf, pos, buf, 0, rest);
        pos = 0;
        limit = rest;
        while (limit < n && fileRemaining > 0) {
            bb.limit((int) Math.min(buf.length, limit + fileRemaining)).position(limit);
            int r = channel.read(bb, filePos);
            if (r < 0) {
                throw new IOException("truncated segment: file ends " + fileRemaining + " bytes early");
            }
            limit += r;
            filePos += r;
            fileRemaining -= r;
        }
        return limit >= n;
    }
}
