package io.quern.worker.compress;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32;

/**
 * Encodes blocks into a staging buffer that is written to a channel whenever the next block might
 * not fit, and keeps the CRC32 of the stored bytes since the last {@link #takeChecksum()}, which is
 * a segment's checksum in its index. Owns its codec; does not own the channel. Confined to one thread.
 */
public final class BlockOutput {
    private static final int STAGING_BYTES = 128 * 1024;

    private final FileChannel channel;
    private final BlockCodec codec;
    private final byte[] out;
    private final ByteBuffer bb;
    private final CRC32 crc = new CRC32();
    private int pos;
    private long flushed;

    public BlockOutput(FileChannel channel, BlockCodec codec) {
        this.channel = channel;
        this.codec = codec;
        this.out = new byte[Math.max(STAGING_BYTES, codec.maxEncodedLength(BlockCodec.MAX_BLOCK_BYTES))];
        this.bb = ByteBuffer.wrap(out);
    }

    /** Writes {@code raw[off, off + len)}, {@code 1 <= len <= MAX_BLOCK_BYTES}, as one block. */
    public void write(byte[] raw, int off, int len) throws IOException {
        if (out.length - pos < codec.maxEncodedLength(len)) {
            flush();
        }
        int n = codec.encode(raw, off, len, out, pos);
        crc.update(out, pos, n);
        pos += n;
    }

    /** Bytes written so far, staged or not: the offset of the next block. */
    public long position() {
        return flushed + pos;
    }

    /** The CRC32 of the bytes written since the last call (or since the start), and starts a new one. */
    public long takeChecksum() {
        long v = crc.getValue();
        crc.reset();
        return v;
    }

    /** Writes the staged blocks to the channel. */
    public void flush() throws IOException {
        bb.clear().limit(pos);
        while (bb.hasRemaining()) {
            channel.write(bb);
        }
        flushed += pos;
        pos = 0;
    }

    /** Frees the codec, without a flush; the channel stays open. Idempotent. */
    public void close() {
        codec.close();
    }
}
