package io.quern.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --conf quern.intermediate.compress} on a real cluster of separate processes (ZooKeeper, a
 * coordinator, two workers): word count with zstd (with spills, spill merges and reduce-side segments
 * on disk) and with none gives the independent count, the shuffle moves exactly the map output's
 * bytes as stored, and a codec that does not exist is refused at submit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class CompressionIT {
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(2);

    private Path dir;
    private ProcessCluster cluster;
    private Path text;
    private Map<String, Long> reference;

    @BeforeAll
    void startCluster(@TempDir Path tmp) throws Exception {
        dir = tmp;
        cluster = new ProcessCluster(dir.resolve("cluster"), 2, 2);
        text = dir.resolve("text");
        WordCounts.writeText(text, 3, 2000, 21);
        writeManyWords(text.resolve("many-words.txt"), 20_000, 12);
        reference = WordCounts.sorted(WordCounts.reference(text));
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
        Quern.destroyAll();
    }

    @Test
    void zstd_withSpillsAndSegmentsOnDisk_countsEveryWord_andShufflesTheCompressedBytes() throws Exception {
        Path out = dir.resolve("zstd");
        Map<String, Long> counters = wordcount(out, "--split-size", "64k",
                "--conf", "quern.intermediate.compress=zstd", "--conf", "quern.map.fold=false",
                "--conf", "quern.sort.buffer.bytes=16384", "--conf", "quern.merge.factor=3",
                "--conf", "quern.reduce.memory.bytes=16384");

        assertThat(WordCounts.sorted(WordCounts.readOutput(out, 2))).isEqualTo(reference);
        assertThat(counters.get("map.spills")).as("spills, merged compressed").isGreaterThan(counters.get("map.input.records") / 1000);
        assertThat(counters.get("map.output.file.bytes")).as("stored bytes against raw bytes")
                .isLessThan(counters.get("map.output.file.raw.bytes") * 2 / 3);
        assertThat(counters.get("shuffle.bytes")).as("the shuffle moves the stored bytes, each segment once")
                .isEqualTo(counters.get("map.output.file.bytes"));
    }

    @Test
    void none_countsEveryWord_andShufflesTheRawBytes() throws Exception {
        Path out = dir.resolve("none");
        Map<String, Long> counters = wordcount(out, "--conf", "quern.intermediate.compress=none");

        assertThat(WordCounts.sorted(WordCounts.readOutput(out, 2))).isEqualTo(reference);
        assertThat(counters.get("map.output.file.bytes")).isEqualTo(counters.get("map.output.file.raw.bytes"));
        assertThat(counters.get("shuffle.bytes")).isEqualTo(counters.get("map.output.file.bytes"));
    }

    @Test
    void unknownCodec_isRefusedAtSubmit_withExit2AndOneLine() throws Exception {
        Path out = dir.resolve("never");
        Quern.Result r = cluster.submit(JOB_TIMEOUT, "--job", "wordcount", "--input", text.toString(),
                "--output", out.toString(), "--conf", "quern.intermediate.compress=gzip");
        Quern.assertBadInput(r, "quern.intermediate.compress: 'gzip' is not none, lz4 or zstd");
        assertThat(out).doesNotExist();
    }

    /**
     * Lines of words from a vocabulary of {@code distinct} letter strings: enough distinct keys that
     * the combined map output is more than a few block headers, so compression shows.
     */
    private static void writeManyWords(Path file, int distinct, int perLine) throws java.io.IOException {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < distinct * 3; i++) {
            int w = rnd.nextInt(distinct);
            sb.append("mill");
            for (; w > 0; w /= 26) {
                sb.append((char) ('a' + w % 26));
            }
            sb.append(i % perLine == perLine - 1 ? '\n' : ' ');
        }
        java.nio.file.Files.writeString(file, sb);
    }

    private Map<String, Long> wordcount(Path out, String... options) throws Exception {
        String[] args = new String[options.length + 6];
        System.arraycopy(new String[] {"--job", "wordcount", "--input", text.toString(), "--output", out.toString()},
                0, args, 0, 6);
        System.arraycopy(options, 0, args, 6, options.length);
        Quern.Result r = cluster.submit(JOB_TIMEOUT, args);
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.stdoutLines().get(0)).as(r.toString()).matches("job job-\\d+ SUCCEEDED");
        return ClusterIT.counters(r.stdoutLines());
    }
}
