package io.quern.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code quern local}: the one-command cluster, run as a user runs it. */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class LocalIT {
    @TempDir
    Path dir;

    @AfterAll
    static void cleanUp() {
        Quern.destroyAll();
    }

    @Test
    void local_runsWordcountOnWorkerProcessesAndLeavesNoProcessBehind() throws Exception {
        Path text = dir.resolve("text");
        WordCounts.writeText(text, 6, 2000, 3);
        Path out = dir.resolve("out");
        Path log = dir.resolve("local.out");
        Process p = Quern.start(log, "local", "--workers", "2", "--job", "wordcount", "--input", text.toString(),
                "--output", out.toString(), "--data-dir", dir.resolve("cluster").toString());
        Set<ProcessHandle> seen = new HashSet<>();
        while (!p.waitFor(100, TimeUnit.MILLISECONDS)) {
            p.descendants().forEach(seen::add);
            assertThat(seen.size()).isLessThan(100);
        }

        assertThat(p.exitValue()).as(java.nio.file.Files.readString(log)).isZero();
        assertThat(seen).as("worker processes were started").hasSizeGreaterThanOrEqualTo(2);
        for (ProcessHandle h : seen) {
            h.onExit().get(10, TimeUnit.SECONDS); // every process the command started is gone
        }
        assertThat(WordCounts.sorted(WordCounts.readOutput(out, 2))).isEqualTo(WordCounts.sorted(WordCounts.reference(text)));
        List<String> lines = java.nio.file.Files.readAllLines(log);
        assertThat(lines).anyMatch(l -> l.matches("job job-\\d+ SUCCEEDED"));
        assertThat(lines).anyMatch(l -> l.contains("logs in " + dir.resolve("cluster")));
    }

    @Test
    void tinyBuffersAndSplits_forceSpillsMultiPassMergesAndManyMaps() throws Exception {
        Path text = dir.resolve("text");
        WordCounts.writeText(text, 5, 4000, 5);
        Path out = dir.resolve("out");
        Quern.Result r = Quern.run(Duration.ofMinutes(5), "local", "--workers", "3", "--slots", "1",
                "--job", "wordcount", "--input", text.toString(), "--output", out.toString(), "--reducers", "3",
                "--split-size", "8k", "--conf", "quern.sort.buffer.bytes=4096", "--conf", "quern.merge.factor=3",
                "--conf", "quern.reduce.memory.bytes=16384",
                "--conf", "quern.map.fold=false"); // folding would keep one record per word: no spills

        assertThat(r.exit()).as(r.toString()).isZero();
        Map<String, Long> counters = ClusterIT.counters(r.stdoutLines());
        long mapTasks = r.stderr().lines().filter(l -> l.contains(" SUCCEEDED in ")).map(l ->
                Long.parseLong(l.replaceAll(".*: map (\\d+)/\\d+ tasks.*", "$1"))).findFirst().orElseThrow();
        assertThat(mapTasks).as("many splits").isGreaterThan(20);
        assertThat(counters.get("map.spills")).as("several spills per map").isGreaterThan(2 * mapTasks);
        assertThat(WordCounts.sorted(WordCounts.readOutput(out, 3))).isEqualTo(WordCounts.sorted(WordCounts.reference(text)));
    }

    @Test
    void kernelsOnAndOff_giveTheSameOutputAndRecordCounts() throws Exception {
        Path text = dir.resolve("text");
        WordCounts.writeText(text, 4, 3000, 11); // Unicode words, CRLF, files without a final newline
        Map<String, Long> expected = WordCounts.sorted(WordCounts.reference(text));
        Map<String, Map<String, Long>> countersBy = new java.util.HashMap<>();
        for (String kernels : List.of("true", "false")) {
            Path out = dir.resolve("out-" + kernels);
            Quern.Result r = Quern.run(Duration.ofMinutes(3), "local", "--workers", "2", "--job", "wordcount",
                    "--input", text.toString(), "--output", out.toString(), "--split-size", "64k",
                    "--conf", "quern.kernels=" + kernels);
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(WordCounts.sorted(WordCounts.readOutput(out, 2))).as("kernels=%s", kernels).isEqualTo(expected);
            countersBy.put(kernels, ClusterIT.counters(r.stdoutLines()));
        }
        for (String counter : List.of("map.input.records", "map.input.bytes", "map.output.records",
                "map.output.bytes", "combine.input.records", "reduce.input.groups", "reduce.output.records")) {
            assertThat(countersBy.get("true").get(counter)).as(counter)
                    .isEqualTo(countersBy.get("false").get(counter));
        }
    }
}
