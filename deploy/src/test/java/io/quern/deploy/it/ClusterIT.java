package io.quern.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real cluster of separate processes (ZooKeeper, a coordinator, three workers) driven through the
 * CLI, as in the contract: submit, status, jobs, kill, workers, and every bad-input exit code.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ClusterIT {
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(3);

    private Path dir;
    private ProcessCluster cluster;
    private Path text;

    @BeforeAll
    void startCluster(@TempDir Path tmp) throws Exception {
        dir = tmp;
        cluster = new ProcessCluster(dir.resolve("cluster"), 3, 2);
        text = dir.resolve("text");
        WordCounts.writeText(text, 12, 3000, 7);
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
        Quern.destroyAll();
    }

    @Test
    void submit_wordcount_matchesIndependentCount() throws Exception {
        Path out = dir.resolve("wc");
        Quern.Result r = Quern.run(JOB_TIMEOUT, "submit", "--zk", cluster.zk, "--job", "wordcount",
                "--input", text.toString(), "--output", out.toString(), "--reducers", "3", "--split-size", "32k");

        assertThat(r.exit()).as(r.toString()).isZero();
        List<String> lines = r.stdoutLines();
        assertThat(lines.get(0)).as(r.toString()).matches("job job-\\d+ SUCCEEDED");
        Map<String, Long> counters = counters(lines);
        assertThat(counters.get("map.input.records")).isEqualTo(lineCount(text));
        assertThat(counters.get("reduce.output.records")).isEqualTo(WordCounts.reference(text).size());
        assertThat(WordCounts.sorted(WordCounts.readOutput(out, 3))).isEqualTo(WordCounts.sorted(WordCounts.reference(text)));
        assertThat(listNames(out)).containsExactlyInAnyOrder("_SUCCESS", "part-r-00000", "part-r-00001", "part-r-00002");
    }

    @Test
    void workers_listsEveryLiveWorkerWithAddressAndSlots() throws Exception {
        Quern.Result r = Quern.run(Duration.ofSeconds(30), "workers", "--zk", cluster.zk);

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.stdoutLines()).hasSize(3).allMatch(l -> l.matches("w-[0-9a-f]{8} 127\\.0\\.0\\.1:\\d+ 2"));
    }

    @Test
    void detachedSubmit_printsIdThenStatusAndJobsFollowIt() throws Exception {
        Path out = dir.resolve("detached");
        Quern.Result submit = Quern.run(Duration.ofSeconds(60), "submit", "--zk", cluster.zk, "--detach",
                "--job", "wordcount", "--input", text.toString(), "--output", out.toString());

        assertThat(submit.exit()).as(submit.toString()).isZero();
        String id = submit.stdout().trim();
        assertThat(id).matches("job-\\d+");
        ProcessCluster.await(JOB_TIMEOUT, () -> state(id).equals("SUCCEEDED"), id + " to succeed");
        Quern.Result jobs = Quern.run(Duration.ofSeconds(30), "jobs", "--zk", cluster.zk);
        assertThat(jobs.stdoutLines()).anyMatch(l -> l.startsWith(id + " SUCCEEDED"));
        Quern.Result status = Quern.run(Duration.ofSeconds(30), "status", "--zk", cluster.zk, id);
        assertThat(status.stdoutLines()).contains("state SUCCEEDED")
                .contains("counter map.input.records " + lineCount(text));
        assertThat(Files.exists(out.resolve("_SUCCESS"))).isTrue();
    }

    @Test
    void kill_stopsRunningJobRemovesOutputAndFreesSlots() throws Exception {
        Path big = dir.resolve("big");
        WordCounts.writeText(big, 8, 60_000, 11);
        Path out = dir.resolve("killed");
        Path log = dir.resolve("killed-submit.out");
        Process submit = Quern.start(log, "submit", "--zk", cluster.zk, "--job", "wordcount", "--input",
                big.toString(), "--output", out.toString(), "--split-size", "64k",
                "--conf", "quern.sort.buffer.bytes=4096", "--conf", "quern.map.fold=false"); // many spills: slow
        String id = ProcessCluster.awaitJobId(log);
        ProcessCluster.await(Duration.ofSeconds(60), () -> status(id).contains("state RUNNING"), id + " to run");

        Quern.Result kill = Quern.run(Duration.ofSeconds(30), "kill", "--zk", cluster.zk, id);

        assertThat(kill.exit()).as(kill.toString()).isZero();
        assertThat(kill.stdout()).contains("job " + id + " KILLED");
        assertThat(submit.waitFor(10, TimeUnit.SECONDS)).as("waiting submit exits within 10 s").isTrue();
        assertThat(submit.exitValue()).isEqualTo(1);
        assertThat(Files.readString(log)).contains("job " + id + " KILLED");
        assertThat(listNames(out)).noneMatch(n -> n.startsWith("part-") || n.equals("_SUCCESS"));
        // every slot is free again: a new job runs to the end
        Path after = dir.resolve("after-kill");
        Quern.Result next = Quern.run(JOB_TIMEOUT, "submit", "--zk", cluster.zk, "--job", "wordcount",
                "--input", text.resolve("text-000.txt").toString(), "--output", after.toString());
        assertThat(next.exit()).as(next.toString()).isZero();
    }

    @Test
    void emptyInput_succeedsWithEmptyPartFiles() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.createFile(empty.resolve("nothing.txt"));
        Path out = dir.resolve("empty-out");
        Quern.Result r = Quern.run(JOB_TIMEOUT, "submit", "--zk", cluster.zk, "--job", "wordcount",
                "--input", empty.toString(), "--output", out.toString(), "--reducers", "4");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(listNames(out)).containsExactlyInAnyOrder("_SUCCESS", "part-r-00000", "part-r-00001",
                "part-r-00002", "part-r-00003");
        for (int i = 0; i < 4; i++) {
            assertThat(Files.size(out.resolve(String.format("part-r-%05d", i)))).isZero();
        }
    }

    @Test
    void missingInput_isBadInputAndCreatesNoOutput() throws Exception {
        Path out = dir.resolve("never");
        Quern.Result r = submit("--job", "wordcount", "--input", dir.resolve("no-such-file").toString(),
                "--output", out.toString());

        Quern.assertBadInput(r, "input not found");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void existingOutput_isBadInputAndLeftUntouched() throws Exception {
        Path out = Files.createDirectories(dir.resolve("exists"));
        Files.writeString(out.resolve("keep.txt"), "mine");
        Quern.Result r = submit("--job", "wordcount", "--input", text.toString(), "--output", out.toString());

        Quern.assertBadInput(r, "output already exists");
        assertThat(listNames(out)).containsExactly("keep.txt");
        assertThat(Files.readString(out.resolve("keep.txt"))).isEqualTo("mine");
    }

    @Test
    void outputOfAnUnknownScheme_isBadInputNamingTheScheme() throws Exception {
        Quern.Result r = submit("--job", "wordcount", "--input", text.toString(), "--output", "s3://bucket/wc");

        Quern.assertBadInput(r, "no storage for scheme 's3': inputs and outputs are paths on a file system mounted"
                + " on every node");
    }

    @Test
    void unknownJob_isBadInputNamingTheBuiltIns() throws Exception {
        Quern.Result r = submit("--job", "wordcounter", "--input", text.toString(), "--output",
                dir.resolve("x1").toString());

        Quern.assertBadInput(r, "unknown job 'wordcounter'");
        assertThat(r.stderr()).contains("wordcount, grep, logstats");
    }

    @Test
    void grepWithoutPattern_isBadInput() throws Exception {
        Quern.Result r = submit("--job", "grep", "--input", text.toString(), "--output", dir.resolve("x2").toString());

        Quern.assertBadInput(r, "pattern");
    }

    @Test
    void malformedFlags_areBadUsage() throws Exception {
        Quern.assertBadInput(submit("--job", "wordcount", "--input", text.toString(), "--output",
                dir.resolve("x3").toString(), "--reducers", "two"), "--reducers");
        Quern.assertBadInput(submit("--job", "wordcount", "--input", text.toString(), "--output",
                dir.resolve("x4").toString(), "--frobnicate"), "frobnicate");
        Quern.assertBadInput(submit("--job", "wordcount", "--input", text.toString(), "--output",
                dir.resolve("x5").toString(), "--reducers", "-1"), "--reducers");
        Quern.assertBadInput(submit("--job", "wordcount", "--output", dir.resolve("x6").toString()), "--input");
    }

    @Test
    void statusAndKillOfUnknownJob_areBadInput() throws Exception {
        Quern.Result status = Quern.run(Duration.ofSeconds(30), "status", "--zk", cluster.zk, "job-9999999999");
        Quern.assertBadInput(status, "unknown job");
        Quern.Result kill = Quern.run(Duration.ofSeconds(30), "kill", "--zk", cluster.zk, "job-9999999999");
        Quern.assertBadInput(kill, "unknown job");
    }

    private Quern.Result submit(String... jobOptions) throws Exception {
        String[] args = Stream.concat(Stream.of("submit", "--zk", cluster.zk), Stream.of(jobOptions))
                .toArray(String[]::new);
        return Quern.run(Duration.ofSeconds(60), args);
    }


    private String status(String id) {
        try {
            return Quern.run(Duration.ofSeconds(30), "status", "--zk", cluster.zk, id).stdout();
        } catch (Exception e) {
            return "";
        }
    }

    private String state(String id) {
        return status(id).lines().filter(l -> l.startsWith("state ")).map(l -> l.substring(6)).findFirst().orElse("");
    }

    static Map<String, Long> counters(List<String> stdout) {
        Map<String, Long> m = new java.util.HashMap<>();
        for (String l : stdout.subList(1, stdout.size())) {
            String[] f = l.split(" ");
            m.put(f[0], Long.parseLong(f[1]));
        }
        return m;
    }

    static List<String> listNames(Path dir) throws java.io.IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }

    /** Lines as the contract defines them, counted independently of the engine's reader. */
    static long lineCount(Path dir) throws java.io.IOException {
        long n = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                byte[] b = Files.readAllBytes(f);
                for (byte x : b) {
                    if (x == '\n') {
                        n++;
                    }
                }
                if (b.length > 0 && b[b.length - 1] != '\n') {
                    n++;
                }
            }
        }
        return n;
    }
}
