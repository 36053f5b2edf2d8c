package io.quern.worker.sort;

import io.quern.common.job.Compression;
import io.quern.worker.compress.BlockCodec;
import io.quern.worker.compress.BlockCodecs;
import io.quern.worker.compress.BlockInput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A cursor over one segment, either an in-memory byte range or a region of a file read through a
 * reused chunk buffer. Keys and values are exposed in place (in the source array or the chunk) and
 * copied into private, growing buffers only when a record is larger than the chunk, so reading
 * allocates nothing per record. A compressed region is decoded block by block into the chunk, which
 * then has room for a block beyond the chunk size. A file reader can be {@link #reset} to another
 * region and reused. Confined to one thread.
 */
final class SegmentReader implements RawRecordCursor {
    static final int CHUNK_BYTES = 64 * 1024;
    private static final byte[] EMPTY = new byte[0];

    /** The source array (memory) or the chunk (file); valid bytes are {@code [pos, limit)}. */
    private final byte[] buf;
    private int pos;
    private int limit;
    private final ByteBuffer bb;
    /** Decodes a compressed region; null when the records are stored raw. */
    private final BlockInput blocks;
    private FileChannel channel;
    private final boolean ownsChannel;
    private long filePos;
    /** Record bytes of the region not yet in {@link #buf}. */
    private long rawRemaining;
    private byte[] bigKey = EMPTY;
    private byte[] bigValue = EMPTY;
    private byte[] keyArr = EMPTY;
    private int keyOff;
    private int keyLen;
    private byte[] valArr = EMPTY;
    private int valOff;
    private int valLen;
    private long bytesRead;

    private SegmentReader(byte[] buf, FileChannel channel, boolean ownsChannel, BlockCodec codec) {
        this.buf = buf;
        this.bb = ByteBuffer.wrap(buf);
        this.channel = channel;
        this.ownsChannel = ownsChannel;
        this.blocks = codec == null ? null : new BlockInput(codec);
    }

    /** Reads {@code len} raw bytes at {@code b[off]} without copying them. */
    static SegmentReader ofBytes(byte[] b, int off, int len) {
        SegmentReader r = new SegmentReader(b, null, false, null);
        r.pos = off;
        r.limit = off + len;
        return r;
    }

    /** A reader for regions of files whose channels the caller owns; position it with {@link #reset}. */
    static SegmentReader forChannels() {
        return new SegmentReader(new byte[CHUNK_BYTES], null, false, null);
    }

    /** A reader for regions, compressed with {@code c}, of channels the caller owns; closing it frees its codec. */
    static SegmentReader forChannels(Compression c) throws IOException {
        BlockCodec codec = BlockCodecs.open(c);
        return new SegmentReader(new byte[chunkFor(codec)], null, false, codec);
    }

    /** Reads the raw region {@code [offset, offset + length)} of {@code file}; closing the reader closes the file. */
    static SegmentReader ofFile(Path file, long offset, long length) throws IOException {
        return ofFile(file, offset, length, length, Compression.NONE);
    }

    /**
     * Reads the region {@code [offset, offset + length)} of {@code file}, holding {@code rawLength}
     * bytes of records compressed with {@code c}; closing the reader closes the file.
     */
    static SegmentReader ofFile(Path file, long offset, long length, long rawLength, Compression c)
            throws IOException {
        BlockCodec codec = BlockCodecs.open(c);
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException | RuntimeException e) {
            if (codec != null) {
                codec.close();
            }
            throw e;
        }
        SegmentReader r = new SegmentReader(new byte[chunkFor(codec)], ch, true, codec);
        r.reset(ch, offset, length, rawLength);
        return r;
    }

    /** Repositions a reader of raw regions at {@code [offset, offset + length)} of {@code ch}. */
    void reset(FileChannel ch, long offset, long length) {
        reset(ch, offset, length, length);
    }

    /**
     * Repositions a file reader at the region {@code [offset, offset + length)} of {@code ch},
     * holding {@code rawLength} bytes of records ({@code length} when they are stored raw).
     */
    void reset(FileChannel ch, long offset, long length, long rawLength) {
        if (ownsChannel && ch != channel) {
            throw new IllegalStateException("reader owns its channel");
        }
        if (blocks == null && rawLength != length) {
            throw new IllegalArgumentException("a raw region of " + length + " bytes holds " + rawLength);
        }
        channel = ch;
        pos = 0;
        limit = 0;
        filePos = offset;
        rawRemaining = rawLength;
        bytesRead = 0;
        if (blocks != null) {
            blocks.reset(ch, offset, length);
        }
    }

    /** The chunk plus, when compressed, room to decode a whole block behind a partly read chunk. */
    private static int chunkFor(BlockCodec codec) {
        return codec == null ? CHUNK_BYTES : CHUNK_BYTES + BlockCodec.MAX_BLOCK_BYTES;
    }

    @Override
    public boolean next() throws IOException {
        if (pos == limit && !ensure(1)) {
            return false;
        }
        int klen = readVarint();
        int vlen = readVarint();
        long need = (long) klen + vlen;
        if (need > limit - pos + rawRemaining) {
            // Checked before allocating: a corrupt length must not turn into a huge array.
            throw new IOException("truncated segment: record of " + need + " bytes, "
                    + (limit - pos + rawRemaining) + " left");
        }
        if (limit - pos >= need || (need <= CHUNK_BYTES && ensure((int) need))) {
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
        if (blocks != null) {
            blocks.close();
        }
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
     * Makes at least {@code n <= CHUNK_BYTES} bytes available at {@code pos} if the source has them,
     * moving the unread rest of the chunk to its front first.
     */
    private boolean ensure(int n) throws IOException {
        if (limit - pos >= n) {
            return true;
        }
        if (channel == null || rawRemaining == 0) {
            return false;
        }
        int rest = limit - pos;
        System.arraycopy(buf, pos, buf, 0, rest);
        pos = 0;
        limit = rest;
        while (limit < n && rawRemaining > 0) {
            int r = blocks == null ? read() : decode();
            limit += r;
            rawRemaining -= r;
        }
        return limit >= n;
    }

    /** Reads raw record bytes from the file to the end of the chunk. */
    private int read() throws IOException {
        bb.limit((int) Math.min(buf.length, limit + rawRemaining)).position(limit);
        int r = channel.read(bb, filePos);
        if (r < 0) {
            throw new IOException("truncated segment: file ends " + rawRemaining + " bytes early");
        }
        filePos += r;
        return r;
    }

    /**
     * Decodes the next block behind the chunk's {@code limit < CHUNK_BYTES}, where a whole block
     * fits; at the last one, checks that the region holds no more.
     */
    private int decode() throws IOException {
        int raw = blocks.nextRawLength();
        if (raw == 0 || raw > rawRemaining) {
            throw new CorruptSegmentException("corrupt segment: its blocks hold " + (raw == 0 ? "fewer" : "more")
                    + " than the " + rawRemaining + " record bytes left");
        }
        blocks.decodeNext(buf, limit);
        if (raw == rawRemaining && blocks.nextRawLength() != 0) {
            throw new CorruptSegmentException("corrupt segment: blocks after its last record byte");
        }
        return raw;
    }
}
