package io.quern.deploy.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the tests across network namespaces share: one {@link NetnsCluster} per class, with three
 * workers of two slots and word count's text in its shared directory, taken down after the class
 * (and by a shutdown hook, should the JVM die first). Skipped without root.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
abstract class NetnsTest {
    static final Duration JOB_TIMEOUT = Duration.ofMinutes(2);
    static final List<String> WORKERS = List.of("w1", "w2", "w3");

    private final int zookeepers;
    private final int linesPerFile;
    private final long seed;
    NetnsCluster cluster;
    Path text;

    NetnsTest(int zookeepers, int linesPerFile, long seed) {
        this.zookeepers = zookeepers;
        this.linesPerFile = linesPerFile;
        this.seed = seed;
    }

    @BeforeAll
    void startCluster(@TempDir Path tmp) throws Exception {
        NetnsCluster.assumeAvailable();
        cluster = new NetnsCluster(tmp.resolve("run"), zookeepers, WORKERS.size(), 2);
        text = cluster.shared.resolve("text");
        WordCounts.writeText(text, 8, linesPerFile, seed);
    }

    @AfterAll
    void stopCluster() {
        Quern.destroyAll();
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Word count of the text, slow on purpose (small splits, every pair sorted and spilled), in the background. */
    Process startSlowWordcount(Path out, Path log) throws Exception {
        return cluster.startQuern(log, "submit", "--zk", cluster.zk, "--job", "wordcount", "--input", text.toString(),
                "--output", out.toString(), "--split-size", "48k", "--conf", "quern.sort.buffer.bytes=4096",
                "--conf", "quern.map.fold=false");
    }

    /** The job id of a submit that succeeded. */
    static String succeededJobId(Quern.Result r) {
        String first = r.stdoutLines().get(0);
        org.assertj.core.api.Assertions.assertThat(first).as(r.toString()).matches("job job-\\d+ SUCCEEDED");
        return first.split(" ")[1];
    }
}
