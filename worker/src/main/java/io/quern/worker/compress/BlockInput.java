package io.quern.worker.compress;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads the blocks of one region, a byte range of a channel (through a staging buffer of one
 * block) or of an array (in place), and decodes them one at a time into a caller's buffer. Can be
 * {@link #reset} to another region and reused. Owns its codec; does not own the channel or the
 * array. Confined to one thread.
 */
public final class BlockInput {
    private final BlockCodec codec;
    private final byte[] staging;
    private final ByteBuffer bb;
    /** The staging buffer or the source array; unread bytes are {@code [pos, limit)}. */
    private byte[] in;
    private int pos;
    private int limit;
    private FileChannel channel;
    private long filePos;
    private long fileRemaining;

    public BlockInput(BlockCodec codec) {
        this.codec = codec;
        // A valid block is never longer than its header plus a block's raw bytes.
        this.staging = new byte[BlockCodec.HEADER_BYTES + BlockCodec.MAX_BLOCK_BYTES];
        this.bb = ByteBuffer.wrap(staging);
        this.in = staging;
    }

    /** Reads the blocks in {@code [offset, offset + length)} of {@code ch}. */
    public void reset(FileChannel ch, long offset, long length) {
        in = staging;
        pos = 0;
        limit = 0;
        channel = ch;
        filePos = offset;
        fileRemaining = length;
    }

    /** Reads the blocks in {@code b[off, off + len)}. */
    public void reset(byte[] b, int off, int len) {
        in = b;
        pos = off;
        limit = off + len;
        channel = null;
        fileRemaining = 0;
    }

    /**
     * The raw length of the next block, or 0 at the end of the region.
     *
     * @throws CorruptBlockException if the region ends inside a block or the header is out of range
     */
    public int nextRawLength() throws IOException {
        if (!ensure(BlockCodec.HEADER_BYTES)) {
            if (pos == limit) {
                return 0;
            }
            throw new CorruptBlockException("corrupt block: " + (limit - pos) + " bytes left, too few for a header");
        }
        int raw = BlockCodec.rawLength(in, pos);
        int stored = BlockCodec.storedLength(in, pos);
        if (!ensure(BlockCodec.HEADER_BYTES + stored)) {
            throw new CorruptBlockException("corrupt block: " + stored + " stored bytes announced, "
                    + (limit - pos - BlockCodec.HEADER_BYTES) + " left");
        }
        return raw;
    }

    /**
     * Decodes the block that {@link #nextRawLength()} has just announced into {@code dst[dstOff]},
     * which has that many bytes free; returns its raw length.
     */
    public int decodeNext(byte[] dst, int dstOff) throws IOException {
        int stored = BlockCodec.storedLength(in, pos);
        int raw = codec.decode(in, pos, dst, dstOff);
        pos += BlockCodec.HEADER_BYTES + stored;
        return raw;
    }

    /**
     * Decodes every block of {@code src[off, off + len)} into {@code dst}, which they must fill exactly.
     *
     * @throws CorruptBlockException if a block is corrupt or the blocks hold more or fewer bytes
     */
    public void decodeAll(byte[] src, int off, int len, byte[] dst) throws IOException {
        reset(src, off, len);
        int at = 0;
        for (int raw; (raw = nextRawLength()) > 0; ) {
            if (raw > dst.length - at) {
                throw new CorruptBlockException("corrupt blocks: more than the " + dst.length + " raw bytes announced");
            }
            at += decodeNext(dst, at);
        }
        if (at != dst.length) {
            throw new CorruptBlockException("corrupt blocks: " + at + " raw bytes, " + dst.length + " announced");
        }
    }

    /** Frees the codec. */
    public void close() {
        codec.close();
    }

    /** Makes {@code n <= staging.length} bytes available at {@code pos} if the region has them. */
    private boolean ensure(int n) throws IOException {
        if (limit - pos >= n) {
            return true;
        }
        if (channel == null || fileRemaining == 0) {
            return false;
        }
        int rest = limit - pos;
        System.arraycopy(staging, pos, staging, 0, rest);
        pos = 0;
        limit = rest;
        while (limit < n && fileRemaining > 0) {
            bb.limit((int) Math.min(staging.length, limit + fileRemaining)).position(limit);
            int r = channel.read(bb, filePos);
            if (r < 0) {
                throw new IOException("truncated blocks: file ends " + fileRemaining + " bytes early");
            }
            limit += r;
            filePos += r;
            fileRemaining -= r;
        }
        return limit >= n;
    }
}
