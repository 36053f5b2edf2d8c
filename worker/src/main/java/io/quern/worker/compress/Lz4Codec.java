package io.quern.worker.compress;

import io.quern.common.job.Compression;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * lz4 blocks. The native library where it loads, else pure Java ({@code fastestInstance}); the
 * decompressor is always the safe one, which bounds every read and write by the lengths it is given.
 */
final class Lz4Codec extends BlockCodec {
    /** Stateless and thread-safe, so shared by every codec instance. */
    private static final LZ4Factory FACTORY = LZ4Factory.fastestInstance();
    private static final LZ4Compressor COMPRESSOR = FACTORY.fastCompressor();
    private static final LZ4SafeDecompressor DECOMPRESSOR = FACTORY.safeDecompressor();

    @Override
    public Compression compression() {
        return Compression.LZ4;
    }

    @Override
    int maxCompressedLength(int rawLength) {
        return COMPRESSOR.maxCompressedLength(rawLength);
    }

    @Override
    int compress(byte[] src, int off, int len, byte[] dst, int dstOff) {
        return COMPRESSOR.compress(src, off, len, dst, dstOff, dst.length - dstOff);
    }

    @Override
    int decompress(byte[] src, int off, int len, byte[] dst, int dstOff, int maxRaw) {
        return DECOMPRESSOR.decompress(src, off, len, dst, dstOff, maxRaw);
    }
}
