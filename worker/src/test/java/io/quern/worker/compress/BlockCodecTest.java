package io.quern.worker.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quern.common.job.Compression;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class BlockCodecTest {
    private static final byte[] TEXT = "the river turns the mill, the mill grinds the grain. ".repeat(1300)
            .substring(0, BlockCodec.MAX_BLOCK_BYTES).getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"LZ4", "ZSTD"})
    void compressibleBlock_shrinks_andDecodesToTheSameBytes(Compression c) throws Exception {
        try (BlockCodec codec = BlockCodecs.open(c)) {
            byte[] block = new byte[codec.maxEncodedLength(TEXT.length) + 7];
            int n = codec.encode(TEXT, 0, TEXT.length, block, 7);
            assertThat(n).as("encoded length").isLessThan(TEXT.length / 4);
            assertThat(BlockCodec.rawLength(block, 7)).isEqualTo(TEXT.length);
            assertThat(BlockCodec.HEADER_BYTES + BlockCodec.storedLength(block, 7)).isEqualTo(n);

            byte[] raw = new byte[TEXT.length + 3];
            assertThat(codec.decode(block, 7, raw, 3)).isEqualTo(TEXT.length);
            assertThat(Arrays.copyOfRange(raw, 3, raw.length)).isEqualTo(TEXT);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"LZ4", "ZSTD"})
    void incompressibleBlock_isStoredRaw_noLongerThanItsHeaderMore(Compression c) throws Exception {
        byte[] noise = new byte[1000];
        new Random(3).nextBytes(noise);
        try (BlockCodec codec = BlockCodecs.open(c)) {
            byte[] block = new byte[codec.maxEncodedLength(noise.length)];
            assertThat(codec.encode(noise, 0, noise.length, block, 0)).isEqualTo(BlockCodec.HEADER_BYTES + noise.length);
            byte[] raw = new byte[noise.length];
            codec.decode(block, 0, raw, 0);
            assertThat(raw).isEqualTo(noise);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"LZ4", "ZSTD"})
    void flippedStoredByte_failsTheChecksumBeforeDecompressing(Compression c) throws Exception {
        try (BlockCodec codec = BlockCodecs.open(c)) {
            byte[] block = new byte[codec.maxEncodedLength(TEXT.length)];
            int n = codec.encode(TEXT, 0, TEXT.length, block, 0);
            for (int at : new int[] {BlockCodec.HEADER_BYTES, n / 2, n - 1}) {
                byte[] bad = block.clone();
                bad[at] ^= 0x20;
                assertThatThrownBy(() -> codec.decode(bad, 0, new byte[TEXT.length], 0))
                        .isInstanceOf(CorruptBlockException.class).hasMessageContaining("CRC32");
            }
        }
    }

    @Test
    void headerOutOfRange_isCorrupt() throws Exception {
        try (BlockCodec codec = BlockCodecs.open(Compression.LZ4)) {
            byte[] block = new byte[codec.maxEncodedLength(TEXT.length)];
            codec.encode(TEXT, 0, TEXT.length, block, 0);
            byte[] hugeRaw = block.clone();
            hugeRaw[0] = 0x7f;
            assertThatThrownBy(() -> codec.decode(hugeRaw, 0, new byte[TEXT.length], 0))
                    .isInstanceOf(CorruptBlockException.class).hasMessageContaining("raw length");
            byte[] storedLonger = block.clone();
            storedLonger[4] = 0x01; // stored length above 65536 = the raw length
            assertThatThrownBy(() -> codec.decode(storedLonger, 0, new byte[TEXT.length], 0))
                    .isInstanceOf(CorruptBlockException.class).hasMessageContaining("stored length");
        }
    }

    @Test
    void blockOfWrongSize_isRefused() throws Exception {
        try (BlockCodec codec = BlockCodecs.open(Compression.LZ4)) {
            assertThatThrownBy(() -> codec.encode(new byte[0], 0, 0, new byte[64], 0))
                    .isInstanceOf(IllegalArgumentException.class);
            byte[] tooBig = new byte[BlockCodec.MAX_BLOCK_BYTES + 1];
            assertThatThrownBy(() -> codec.encode(tooBig, 0, tooBig.length, new byte[2 * tooBig.length], 0))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void noneHasNoCodec_andTheOthersLoadHere() throws Exception {
        assertThat(BlockCodecs.open(Compression.NONE)).isNull();
        BlockCodecs.check(Compression.ZSTD);
        try (BlockCodec zstd = BlockCodecs.open(Compression.ZSTD)) {
            assertThat(zstd.compression()).isEqualTo(Compression.ZSTD);
        }
    }

    @Test
    void nativeLibraryThatDoesNotLoad_isReportedWithTheKeyAndTheReason() {
        Throwable failure = BlockCodecs.load(() -> {
            throw new UnsatisfiedLinkError("no zstd-jni in java.library.path");
        });
        assertThat(BlockCodecs.load(() -> {})).isNull();
        assertThat(BlockCodecs.unavailable(Compression.ZSTD, failure))
                .hasMessageStartingWith("quern.intermediate.compress=zstd: the zstd native library does not load")
                .hasMessageContaining("no zstd-jni in java.library.path")
                .hasMessageContaining("choose another codec");
    }
}
