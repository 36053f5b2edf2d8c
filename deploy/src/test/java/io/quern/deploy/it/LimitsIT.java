package io.quern.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workers with resource limits: a disk quota that a spilling word count outgrows fails the job
 * with the quota's reason, a job that fits still succeeds on the same workers afterwards (so the
 * failed job's cleanup gave its bytes back), and a task memory the heap cannot hold stops a worker
 * at its start.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LimitsIT {
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(2);

    private Path dir;
    private ProcessCluster cluster;

    @BeforeAll
    void startCluster(@TempDir Path tmp) throws Exception {
        dir = tmp;
        cluster = new ProcessCluster(dir.resolve("cluster"), 2, 2, List.of(), i -> List.of("--disk-quota", "64k"),
                List.of());
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
        Quern.destroyAll();
    }

    @Test
    @Order(1)
    void spillsBeyondTheDiskQuota_failTheJobNamingTheQuota() throws Exception {
        Path text = dir.resolve("text");
        WordCounts.writeText(text, 2, 3000, 7);
        Path out = dir.resolve("too-big");
        Quern.Result r = cluster.submit(JOB_TIMEOUT, "--job", "wordcount", "--input", text.toString(),
                "--output", out.toString(), "--split-size", "64k", "--max-attempts", "2",
                "--conf", "quern.sort.buffer.bytes=4096", "--conf", "quern.map.fold=false",
                "--conf", "quern.intermediate.compress=none");

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.stdoutLines().get(0)).as(r.toString()).matches("job job-\\d+ FAILED");
        assertThat(r.stdout() + r.stderr()).as(r.toString())
                .containsPattern("worker w-[0-9a-f]{8}: disk quota for intermediate data exceeded: "
                        + "[0-9.]+ [KMG]?i?B in use of a 64.0 KiB quota, [0-9.]+ [KMG]?i?B more needed");
        assertThat(out.resolve("_SUCCESS")).doesNotExist();
    }

    @Test
    @Order(2)
    void aJobThatFitsTheQuota_succeeds() throws Exception {
        Path text = dir.resolve("small");
        WordCounts.writeText(text, 2, 40, 3);
        Path out = dir.resolve("fits");
        Quern.Result r = cluster.submit(JOB_TIMEOUT, "--job", "wordcount", "--input", text.toString(),
                "--output", out.toString());

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(WordCounts.sorted(WordCounts.readOutput(out, 2)))
                .isEqualTo(WordCounts.sorted(WordCounts.reference(text)));
    }

    @Test
    @Order(3)
    void taskMemoryTimesSlotsOverHalfTheHeap_stopsTheWorkerAtItsStart() throws Exception {
        // The test's JVMs have a 256 MiB heap: 2 x 100 MiB is more than its half.
        Quern.Result r = Quern.run(Duration.ofSeconds(60), "worker", "--zk", cluster.zk, "--port", "0",
                "--data-dir", dir.resolve("greedy").toString(), "--slots", "2", "--task-memory", "100m");

        Quern.assertBadInput(r, "--task-memory 100.0 MiB times 2 --slots is 200.0 MiB, more than half the max heap");
    }
}
