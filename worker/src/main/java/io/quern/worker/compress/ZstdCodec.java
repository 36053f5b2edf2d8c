package io.quern.worker.compress;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import io.quern.common.job.Compression;

/**
 * zstd blocks at level 1 (intermediate data is written once and read once or twice, so speed
 * matters more than the last few percent of size). Its contexts live outside the heap and are made
 * on first use, so a writer costs no decompression context and a reader no compression one.
 * Only {@link BlockCodecs} makes these, after the native library has loaded.
 */
final class ZstdCodec extends BlockCodec {
    private static final int LEVEL = 1;

    private ZstdCompressCtx compressor;
    private ZstdDecompressCtx decompressor;

    @Override
    public Compression compression() {
        return Compression.ZSTD;
    }

    @Override
    int maxCompressedLength(int rawLength) {
        return (int) Zstd.compressBound(rawLength);
    }

    @Override
    int compress(byte[] src, int off, int len, byte[] dst, int dstOff) {
        if (compressor == null) {
            compressor = new ZstdCompressCtx().setLevel(LEVEL);
        }
        return compressor.compressByteArray(dst, dstOff, dst.length - dstOff, src, off, len);
    }

    @Override
    int decompress(byte[] src, int off, int len, byte[] dst, int dstOff, int maxRaw) {
        if (decompressor == null) {
            decompressor = new ZstdDecompressCtx();
        }
        return decompressor.decompressByteArray(dst, dstOff, maxRaw, src, off, len);
    }

    @Override
    public void close() {
        if (compressor != null) {
            compressor.close();
            compressor = null;
        }
        if (decompressor != null) {
            decompressor.close();
            decompressor = null;
        }
    }
}
