package io.quern.worker.compress;

import io.quern.common.job.Compression;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.zip.CRC32;

/**
 * Encodes and decodes blocks: a 12-byte big-endian header {@code int rawLength, int storedLength,
 * int crc32}, then {@code storedLength} bytes. They are the raw bytes compressed when that makes them
 * shorter ({@code storedLength < rawLength}), else the raw bytes themselves ({@code storedLength ==
 * rawLength}), so a block is never more than its header longer than its contents. The CRC32 covers
 * the stored bytes and is checked before they are decompressed. Confined to one thread; {@link
 * #close()} frees what the codec holds outside the heap.
 */
public abstract class BlockCodec implements AutoCloseable {
    /** The most raw bytes one block holds. */
    public static final int MAX_BLOCK_BYTES = 64 * 1024;
    public static final int HEADER_BYTES = 3 * Integer.BYTES;
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private final CRC32 crc = new CRC32();

    BlockCodec() {}

    public abstract Compression compression();

    /** The most bytes {@link #encode} writes for a block of {@code rawLength} bytes. */
    public final int maxEncodedLength(int rawLength) {
        return HEADER_BYTES + Math.max(rawLength, maxCompressedLength(rawLength));
    }

    /**
     * Encodes {@code raw[off, off + len)}, {@code 1 <= len <= MAX_BLOCK_BYTES}, as one block at
     * {@code dst[dstOff]}, which must have {@link #maxEncodedLength maxEncodedLength(len)} bytes free;
     * returns the block's length.
     */
    public final int encode(byte[] raw, int off, int len, byte[] dst, int dstOff) {
        if (len < 1 || len > MAX_BLOCK_BYTES) {
            throw new IllegalArgumentException("block of " + len + " bytes, not 1 to " + MAX_BLOCK_BYTES);
        }
        int payload = dstOff + HEADER_BYTES;
        int stored = compress(raw, off, len, dst, payload);
        if (stored >= len) {
            System.arraycopy(raw, off, dst, payload, len);
            stored = len;
        }
        crc.reset();
        crc.update(dst, payload, stored);
        INT.set(dst, dstOff, len);
        INT.set(dst, dstOff + Integer.BYTES, stored);
        INT.set(dst, dstOff + 2 * Integer.BYTES, (int) crc.getValue());
        return HEADER_BYTES + stored;
    }

    /** The raw length in the block header at {@code b[off]}. @throws CorruptBlockException if out of range */
    public static int rawLength(byte[] b, int off) throws CorruptBlockException {
        int raw = (int) INT.get(b, off);
        if (raw < 1 || raw > MAX_BLOCK_BYTES) {
            throw new CorruptBlockException("corrupt block: raw length " + raw + " not in [1, " + MAX_BLOCK_BYTES + "]");
        }
        return raw;
    }

    /** The stored length in the block header at {@code b[off]}. @throws CorruptBlockException if out of range */
    public static int storedLength(byte[] b, int off) throws CorruptBlockException {
        int raw = rawLength(b, off);
        int stored = (int) INT.get(b, off + Integer.BYTES);
        if (stored < 1 || stored > raw) {
            throw new CorruptBlockException("corrupt block: stored length " + stored + " not in [1, " + raw + "]");
        }
        return stored;
    }

    /**
     * Decodes the whole block at {@code src[off]} (header and stored bytes) into {@code dst[dstOff]},
     * which must have its raw length free; returns that length.
     *
     * @throws CorruptBlockException if the header is out of range, the checksum does not match, or
     *     the stored bytes do not decompress to exactly the raw length
     */
    public final int decode(byte[] src, int off, byte[] dst, int dstOff) throws CorruptBlockException {
        int raw = rawLength(src, off);
        int stored = storedLength(src, off);
        int payload = off + HEADER_BYTES;
        crc.reset();
        crc.update(src, payload, stored);
        int expected = (int) INT.get(src, off + 2 * Integer.BYTES);
        if ((int) crc.getValue() != expected) {
            throw new CorruptBlockException("corrupt block: CRC32 " + Integer.toUnsignedString(expected)
                    + " expected, " + crc.getValue() + " computed over its " + stored + " stored bytes");
        }
        if (stored == raw) {
            System.arraycopy(src, payload, dst, dstOff, raw);
            return raw;
        }
        int n;
        try {
            n = decompress(src, payload, stored, dst, dstOff, raw);
        } catch (RuntimeException e) {
            // The libraries report malformed input with their own unchecked exceptions.
            throw new CorruptBlockException("corrupt block: " + compression().confName() + " cannot decompress it: "
                    + e.getMessage(), e);
        }
        if (n != raw) {
            throw new CorruptBlockException("corrupt block: decompressed to " + n + " bytes, its header says " + raw);
        }
        return raw;
    }

    /** The most bytes {@link #compress} may write for {@code rawLength} bytes. */
    abstract int maxCompressedLength(int rawLength);

    /** Compresses into {@code dst[dstOff]}, which has {@code maxCompressedLength(len)} bytes free. */
    abstract int compress(byte[] src, int off, int len, byte[] dst, int dstOff);

    /** Decompresses into at most {@code maxRaw} bytes at {@code dst[dstOff]}; returns how many. */
    abstract int decompress(byte[] src, int off, int len, byte[] dst, int dstOff, int maxRaw);

    /** Frees native memory, if any; idempotent. */
    @Override
    public void close() {}
}
