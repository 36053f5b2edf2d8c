package io.quern.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults injected into a real cluster of processes: a worker killed with SIGKILL, frozen with
 * SIGSTOP, stopped with SIGTERM, or given a disk that fills up; and jobs that time out. Every job
 * must end with exactly the output a healthy cluster gives. Each test starts its own cluster, so
 * one test's dead workers do not weaken the next.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class FaultToleranceIT {
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(3);
    private static final Pattern MAP_DONE = Pattern.compile("^map (\\d+)/(\\d+) succeeded", Pattern.MULTILINE);

    private Path dir;
    private Path text;

    @BeforeAll
    void data(@TempDir Path tmp) throws Exception {
        dir = tmp;
        text = dir.resolve("text");
        WordCounts.writeText(text, 8, 12_000, 21);
    }

    @AfterAll
    void cleanUp() {
        Quern.destroyAll();
    }

    @Test
    void sigkillOfAWorkerHoldingCompletedMaps_reRunsThemAndOutputIsExact() throws Exception {
        try (ProcessCluster cluster = new ProcessCluster(dir.resolve("kill9"), 3, 1)) {
            Path out = dir.resolve("kill9-out");
            Path log = dir.resolve("kill9-submit.out");
            Process submit = startSlowWordcount(cluster, out, log);
            String id = ProcessCluster.awaitJobId(log);
            awaitMapsDone(cluster, id, 6);

            cluster.workers.get(0).destroyForcibly(); // SIGKILL: no goodbye, its map outputs are gone

            assertThat(submit.waitFor(JOB_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(submit.exitValue()).as(Files.readString(log)).isZero();
            assertThat(WordCounts.sorted(WordCounts.readOutput(out, 2))).isEqualTo(WordCounts.sorted(WordCounts.reference(text)));
            String status = status(cluster, id);
            assertThat(status).as("the re-run is reported").containsPattern("event worker w-\\w+ lost: \\d+ completed map tasks re-run");
            assertThat(Files.readString(log)).contains("completed map tasks re-run");
        }
    }

    @Test
    void sigstopOfAWorkerWithRunningTasks_jobStillFinishes() throws Exception {
        try (ProcessCluster cluster = new ProcessCluster(dir.resolve("stop"), 3, 1)) {
            Path out = dir.resolve("stop-out");
            Path log = dir.resolve("stop-submit.out");
            Process submit = startSlowWordcount(cluster, out, log);
            String id = ProcessCluster.awaitJobId(log);
            awaitMapsDone(cluster, id, 2);
            Process frozen = cluster.workers.get(1);
            try {
                new ProcessBuilder("kill", "-STOP", Long.toString(frozen.pid())).start().waitFor();

                assertThat(submit.waitFor(JOB_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
                assertThat(submit.exitValue()).as(Files.readString(log)).isZero();
                assertThat(WordCounts.sorted(WordCounts.readOutput(out, 2)))
                        .isEqualTo(WordCounts.sorted(WordCounts.reference(text)));
                assertThat(frozen.isAlive()).as("still stopped, never resumed").isTrue();
            } finally {
                Quern.destroyTree(frozen);
            }
        }
    }

    @Test
    void workerWhoseDiskFillsUp_failsItsTasksCleanly_othersFinishTheJob_itStaysUp() throws Exception {
        Path mount = Files.createDirectories(dir.resolve("tinyfs"));
        Process m = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        assumeTrue(m.waitFor() == 0, "needs root to mount a tmpfs");
        try (ProcessCluster cluster = new ProcessCluster(dir.resolve("disk"), 2, 1)) {
            Process small = Quern.start(dir.resolve("disk/small-worker.out"), "worker", "--zk", cluster.zk, "--port",
                    "" + ProcessCluster.freePort(), "--data-dir", mount.toString(), "--slots", "2");
            cluster.workers.add(small);
            cluster.awaitWorkers(3, Duration.ofSeconds(60));
            Path out = dir.resolve("disk-out");
            Quern.Result r = Quern.run(JOB_TIMEOUT, "submit", "--zk", cluster.zk, "--job", "wordcount", "--input",
                    text.toString(), "--output", out.toString(), "--split-size", "256k", "--max-attempts", "8",
                    "--conf", "quern.sort.buffer.bytes=65536",
                    "--conf", "quern.map.fold=false"); // spills fill the small disk

            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.stderr()).as("the full disk shows in the failed attempts").contains("No space left on device")
                    .as("and is the engine's failure, not the mapper's").contains("writing map output failed")
                    .doesNotContain("WordCountMapper threw");
            assertThat(r.stderr()).contains("blacklisted for this job");
            assertThat(WordCounts.sorted(WordCounts.readOutput(out, 2))).isEqualTo(WordCounts.sorted(WordCounts.reference(text)));
            assertThat(small.isAlive()).as("the worker with the full disk stays up").isTrue();
            Quern.Result workers = Quern.run(Duration.ofSeconds(30), "workers", "--zk", cluster.zk);
            assertThat(workers.stdoutLines()).hasSize(3);
        } finally {
            new ProcessBuilder("umount", "-l", mount.toString()).start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void sigtermOfAWorker_handsBackItsTasks_deregisters_andExits() throws Exception {
        try (ProcessCluster cluster = new ProcessCluster(dir.resolve("term"), 3, 1)) {
            Path out = dir.resolve("term-out");
            Path log = dir.resolve("term-submit.out");
            Process submit = startSlowWordcount(cluster, out, log);
            String id = ProcessCluster.awaitJobId(log);
            awaitMapsDone(cluster, id, 2);
            Process leaving = cluster.workers.get(2);

            leaving.destroy(); // SIGTERM

            assertThat(leaving.waitFor(20, TimeUnit.SECONDS)).as("the worker exits promptly").isTrue();
            ProcessCluster.await(Duration.ofSeconds(30), () -> workerCount(cluster) == 2, "deregistration");
            assertThat(submit.waitFor(JOB_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(submit.exitValue()).as(Files.readString(log)).isZero();
            assertThat(WordCounts.sorted(WordCounts.readOutput(out, 2))).isEqualTo(WordCounts.sorted(WordCounts.reference(text)));
            assertThat(status(cluster, id)).as("handed-back attempts are not failures")
                    .contains("0 failed attempts");
        }
    }

    @Test
    void jobTimeout_failsTheJobCleanlyAndFreesItsSlots() throws Exception {
        try (ProcessCluster cluster = new ProcessCluster(dir.resolve("timeout"), 2, 1)) {
            Path out = dir.resolve("timeout-out");
            Quern.Result r = Quern.run(JOB_TIMEOUT, "submit", "--zk", cluster.zk, "--job", "wordcount", "--input",
                    text.toString(), "--output", out.toString(), "--split-size", "16k", "--timeout", "3s",
                    "--conf", "quern.sort.buffer.bytes=4096", "--conf", "quern.map.fold=false");

            assertThat(r.exit()).as(r.toString()).isEqualTo(1);
            assertThat(r.stdoutLines().get(0)).matches("job job-\\d+ FAILED");
            assertThat(r.stderr()).contains("timed out after 3s");
            assertThat(ClusterIT.listNames(out)).noneMatch(n -> n.startsWith("part-") || n.equals("_SUCCESS"));
            Quern.Result next = Quern.run(JOB_TIMEOUT, "submit", "--zk", cluster.zk, "--job", "wordcount",
                    "--input", text.resolve("text-000.txt").toString(), "--output", dir.resolve("after").toString());
            assertThat(next.exit()).as("slots are free again: " + next).isZero();
        }
    }

    /**
     * Word count made slow on purpose (tiny splits and sort buffer, every pair sorted and spilled rather
     * than folded), waited for by a background submit.
     */
    private Process startSlowWordcount(ProcessCluster cluster, Path out, Path log) throws Exception {
        return Quern.start(log, "submit", "--zk", cluster.zk, "--job", "wordcount", "--input", text.toString(),
                "--output", out.toString(), "--split-size", "48k", "--conf", "quern.sort.buffer.bytes=4096",
                "--conf", "quern.map.fold=false");
    }

    private static void awaitMapsDone(ProcessCluster cluster, String id, int n) throws Exception {
        ProcessCluster.await(Duration.ofSeconds(90), () -> {
            Matcher m = MAP_DONE.matcher(status(cluster, id));
            return m.find() && Integer.parseInt(m.group(1)) >= n && Integer.parseInt(m.group(1)) < Integer.parseInt(m.group(2));
        }, n + " maps of " + id + " done while others still run");
    }

    private static String status(ProcessCluster cluster, String id) {
        try {
            return Quern.run(Duration.ofSeconds(30), "status", "--zk", cluster.zk, id).stdout();
        } catch (Exception e) {
            return "";
        }
    }

    private static int workerCount(ProcessCluster cluster) {
        try {
            return Quern.run(Duration.ofSeconds(30), "workers", "--zk", cluster.zk).stdoutLines().size();
        } catch (Exception e) {
            return -1;
        }
    }
}
