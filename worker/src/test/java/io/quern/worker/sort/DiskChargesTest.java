package io.quern.worker.sort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quern.common.job.AttemptId;
import io.quern.common.job.Compression;
import io.quern.common.job.TaskId;
import io.quern.worker.storage.DiskQuota;
import io.quern.worker.storage.DiskQuotaExceededException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What the map and reduce sides' files count in the worker's disk account. */
class DiskChargesTest {
    private static final AttemptId MAP = new AttemptId("job-1", TaskId.map(0), 0);
    private static final AttemptId REDUCE = new AttemptId("job-1", TaskId.reduce(0), 0);

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"NONE", "LZ4"})
    void finishedMapOutput_countsExactlyItsFiles_spillsGivenBack(Compression c) throws IOException {
        DiskQuota quota = new DiskQuota("w-00000001", DiskQuota.UNLIMITED);
        Path work = dir.resolve("m");
        MapOutputFile out;
        try (MapOutputBuffer buf = new MapOutputBuffer(3, 4096, 2, work, null, new SortCounters(), false, c,
                quota.space(MAP))) {
            collect(buf, 5_000, new Random(1));
            out = buf.finish();
        }
        long onDisk = Files.size(work.resolve(MapOutputFile.DATA_NAME)) + Files.size(work.resolve(MapOutputFile.INDEX_NAME));
        assertThat(out.partitions()).isEqualTo(3);
        assertThat(quota.used()).as("the map output and its index, the spills given back").isEqualTo(onDisk);
        try (var files = Files.list(work)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("file.out", "file.index");
        }
    }

    @Test
    void mapSpillPastTheQuota_failsTheWrite_andCloseGivesEverythingBack() throws IOException {
        DiskQuota quota = new DiskQuota("w-00000001", 16 * 1024);
        Path work = dir.resolve("m");
        MapOutputBuffer buf = new MapOutputBuffer(2, 4096, 2, work, null, new SortCounters(), false,
                Compression.NONE, quota.space(MAP));
        assertThatThrownBy(() -> collect(buf, 100_000, new Random(2)))
                .isInstanceOf(DiskQuotaExceededException.class)
                .hasMessageContaining("disk quota for intermediate data exceeded")
                .hasMessageContaining("of a 16.0 KiB quota");
        assertThat(quota.used()).isLessThanOrEqualTo(16 * 1024).isPositive();

        buf.close();

        assertThat(quota.used()).isZero();
    }

    @Test
    void reduceSegmentsOnDisk_countAsTheyArrive_andCloseGivesThemBack() throws IOException {
        DiskQuota quota = new DiskQuota("w-00000001", 10_000);
        byte[] segment = new byte[4000];
        new Random(3).nextBytes(segment);
        CRC32 crc = new CRC32();
        crc.update(segment);
        // No memory budget: every segment goes to disk.
        ShuffleMerger merger = new ShuffleMerger(dir.resolve("r"), 0, 2, Compression.NONE, quota.space(REDUCE));
        for (int i = 0; i < 2; i++) {
            SegmentSink sink = merger.newSegment(segment.length, segment.length);
            sink.write(segment, 0, 1000);
            sink.write(segment, 1000, 3000);
            sink.commit(crc.getValue());
        }
        assertThat(quota.used()).isEqualTo(8000);

        SegmentSink third = merger.newSegment(segment.length, segment.length);
        third.write(segment, 0, 2000);
        assertThatThrownBy(() -> third.write(segment, 2000, 2000))
                .isInstanceOf(DiskQuotaExceededException.class)
                .hasMessageContaining("9.8 KiB in use of a 9.8 KiB quota, 2.0 KiB more needed");
        third.abort();
        assertThat(quota.used()).as("the aborted segment's file gave back its bytes").isEqualTo(8000);

        merger.close();
        assertThat(quota.used()).isZero();
    }

    private static void collect(MapOutputBuffer buf, int records, Random rnd) throws IOException {
        for (int i = 0; i < records; i++) {
            byte[] k = TestRecords.randomBytes(rnd, 16);
            byte[] v = TestRecords.randomBytes(rnd, 24);
            buf.collect(rnd.nextInt(2), k, 0, k.length, v, 0, v.length);
        }
    }
}
