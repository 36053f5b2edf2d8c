package io.quern.worker.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quern.common.job.AttemptId;
import io.quern.common.job.TaskId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskQuotaTest {
    private static final AttemptId MAP0 = new AttemptId("job-1", TaskId.map(0), 0);
    private static final AttemptId MAP1 = new AttemptId("job-1", TaskId.map(1), 0);
    private static final AttemptId OTHER = new AttemptId("job-2", TaskId.reduce(0), 0);

    @TempDir
    Path dir;

    @Test
    void reserveThenRelease_givesBackEveryByte() throws IOException {
        DiskQuota quota = new DiskQuota("w-00000001", 1000);
        DiskQuota.Charge a = quota.space(MAP0).file(dir.resolve("a"));
        DiskQuota.Charge b = quota.space(MAP0).file(dir.resolve("b"));
        a.reserve(300);
        a.reserve(100);
        b.reserve(200);
        assertThat(quota.used()).isEqualTo(600);
        assertThat(a.bytes()).isEqualTo(400);
        assertThat(quota.space(MAP0).bytes()).isEqualTo(600);

        a.release();
        a.release(); // idempotent
        assertThat(quota.used()).isEqualTo(200);
        assertThat(a.bytes()).isZero();
    }

    @Test
    void reserveBeyondTheQuota_failsNamingUseQuotaAndNeed_andReservesNothing() throws IOException {
        DiskQuota quota = new DiskQuota("w-1f2e3d4c", 1L << 30);
        DiskQuota.Charge c = quota.space(MAP0).file(dir.resolve("a"));
        c.reserve(1L << 30);

        assertThatThrownBy(() -> c.reserve(64L << 20))
                .isInstanceOf(DiskQuotaExceededException.class)
                .hasMessage("worker w-1f2e3d4c: disk quota for intermediate data exceeded: 1.0 GiB in use of a "
                        + "1.0 GiB quota, 64.0 MiB more needed");
        assertThat(quota.used()).isEqualTo(1L << 30);
        assertThat(c.bytes()).isEqualTo(1L << 30);
    }

    @Test
    void reserveExactlyToTheQuota_succeeds() throws IOException {
        DiskQuota quota = new DiskQuota("w-00000001", 100);
        quota.space(MAP0).file(dir.resolve("a")).reserve(100);
        assertThat(quota.used()).isEqualTo(100);
    }

    @Test
    void deletingAFile_removesItAndGivesBackItsBytes() throws IOException {
        DiskQuota quota = new DiskQuota("w-00000001", 100);
        Path file = Files.writeString(dir.resolve("spill0.out"), "data");
        DiskQuota.Charge c = quota.space(MAP0).file(file);
        c.reserve(100);

        c.delete();

        assertThat(file).doesNotExist();
        assertThat(quota.used()).isZero();
        quota.space(MAP0).file(dir.resolve("b")).reserve(100); // the room is back
    }

    @Test
    void movedFile_keepsItsBytesUnderItsNewName() throws IOException {
        DiskQuota quota = new DiskQuota("w-00000001", 100);
        DiskQuota.Charge c = quota.space(MAP0).file(Files.writeString(dir.resolve("spill0.out"), "x"));
        c.reserve(10);

        c.moveTo(dir.resolve("file.out"));

        assertThat(c.path()).isEqualTo(dir.resolve("file.out")).exists();
        assertThat(quota.used()).isEqualTo(10);
    }

    @Test
    void releasingAnAttempt_givesBackItsFilesOnly() throws IOException {
        DiskQuota quota = new DiskQuota("w-00000001", 1000);
        quota.space(MAP0).file(dir.resolve("a")).reserve(100);
        quota.space(MAP0).file(dir.resolve("b")).reserve(50);
        quota.space(MAP1).file(dir.resolve("c")).reserve(30);

        quota.releaseAttempt(MAP0);

        assertThat(quota.used()).isEqualTo(30);
    }

    @Test
    void jobCleanup_givesBackEveryAttemptsBytes_andLeavesOtherJobs() throws IOException {
        DiskQuota quota = new DiskQuota("w-00000001", 1000);
        DiskQuota.Charge held = quota.space(MAP0).file(dir.resolve("a"));
        held.reserve(100);
        quota.space(MAP1).file(dir.resolve("b")).reserve(200);
        quota.space(OTHER).file(dir.resolve("c")).reserve(300);

        quota.releaseJob("job-1");

        assertThat(quota.used()).isEqualTo(300);
        // A writer of the cleaned-up job that still runs counts nothing more, and gives back nothing twice.
        held.reserve(500);
        held.release();
        assertThat(quota.used()).isEqualTo(300);
        assertThat(quota.space(MAP0).bytes()).isZero(); // a new attempt's space starts afresh
    }

    @Test
    void concurrentWriters_neverExceedTheQuota_andAllBytesComeBack() throws Exception {
        long limit = 100_000;
        DiskQuota quota = new DiskQuota("w-00000001", limit);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger refused = new AtomicInteger();
        List<Future<Long>> reserved = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                AttemptId id = new AttemptId("job-1", TaskId.map(t), 0);
                reserved.add(pool.submit(() -> {
                    DiskQuota.Charge c = quota.space(id).file(dir.resolve("f" + id.task()));
                    start.await();
                    long mine = 0;
                    for (int i = 0; i < 2_000; i++) {
                        try {
                            c.reserve(10);
                            mine += 10;
                            assertThat(quota.used()).isLessThanOrEqualTo(limit);
                        } catch (DiskQuotaExceededException e) {
                            refused.incrementAndGet();
                        }
                    }
                    return mine;
                }));
            }
            start.countDown();
            long total = 0;
            for (Future<Long> f : reserved) {
                total += f.get(30, TimeUnit.SECONDS);
            }
            // 8 x 2,000 x 10 bytes were asked for: exactly the quota's worth were granted.
            assertThat(total).isEqualTo(limit);
            assertThat(quota.used()).isEqualTo(limit);
            assertThat(refused.get()).isEqualTo(threads * 2_000 - (int) (limit / 10));
        } finally {
            pool.shutdownNow();
        }
        quota.releaseJob("job-1");
        assertThat(quota.used()).isZero();
    }

    @Test
    void untrackedSpace_countsNothingAndNeverRunsOut() throws IOException {
        DiskQuota.Charge c = DiskQuota.untracked().file(dir.resolve("a"));
        c.reserve(Long.MAX_VALUE);
        c.reserve(Long.MAX_VALUE);
        assertThat(c.bytes()).isZero();
    }

    @Test
    void nonPositiveQuota_isRefused() {
        assertThatThrownBy(() -> new DiskQuota("w-00000001", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
    }
}
