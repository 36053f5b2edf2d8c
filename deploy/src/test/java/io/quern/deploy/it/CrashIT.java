package io.quern.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test: a word count whose map and reduce functions, at random, halt their worker's JVM
 * ({@code Runtime.halt}: no shutdown, no goodbye) or stall far longer than the task timeout. A
 * supervisor restarts dead workers, as an init system would. The job must still succeed with
 * exactly the output of an independent count, every time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class CrashIT {
    private static final int WORKERS = 3;
    private static final int SLOTS = 2;

    /**
     * Decides, once per attempt, whether this attempt halts the JVM, stalls, or works. Only a task's
     * first attempt may misbehave: with faults on every attempt, at the speed of these tiny tasks,
     * workers would die every few seconds and take completed map outputs with them faster than
     * they are rebuilt, which no engine survives.
     */
    private static final String CHAOS = """
            package chaos;
            import io.quern.api.TaskContext;
            import java.util.concurrent.ThreadLocalRandom;
            final class Chaos {
                private final long haltAt;
                private final long stallAt;
                private long seen;
                Chaos(TaskContext ctx, double halt, double stall, int span) {
                    ThreadLocalRandom r = ThreadLocalRandom.current();
                    double dice = ctx.attempt() == 0 ? r.nextDouble() : 1;
                    haltAt = dice < halt ? r.nextInt(span) : -1;
                    stallAt = dice >= halt && dice < halt + stall ? r.nextInt(span) : -1;
                }
                void step() throws InterruptedException {
                    long n = seen++;
                    if (n == haltAt) {
                        Runtime.getRuntime().halt(137);
                    }
                    if (n == stallAt) {
                        Thread.sleep(600_000); // far beyond the task timeout; a kill interrupts it
                    }
                }
            }
            """;

    private static final String MAPPER = """
            package chaos;
            import io.quern.api.*;
            public class ChaosWords implements Mapper<Long, String, String, Long> {
                private Chaos chaos;
                public void setup(TaskContext ctx) { chaos = new Chaos(ctx, 0.2, 0.1, 250); }
                public void map(Long offset, String line, Emitter<String, Long> out) throws Exception {
                    chaos.step();
                    int i = 0, n = line.length();
                    while (i < n) {
                        int cp = line.codePointAt(i);
                        if (!Character.isLetter(cp)) { i += Character.charCount(cp); continue; }
                        int start = i;
                        while (i < n && Character.isLetter(cp = line.codePointAt(i))) { i += Character.charCount(cp); }
                        out.emit(line.substring(start, i), 1L);
                    }
                }
            }
            """;

    private static final String REDUCER = """
            package chaos;
            import io.quern.api.*;
            public class ChaosSum implements Reducer<String, Long, String, Long> {
                private Chaos chaos;
                public void setup(TaskContext ctx) { chaos = new Chaos(ctx, 0.3, 0.2, 30); }
                public void reduce(String word, Iterable<Long> counts, Emitter<String, Long> out) throws Exception {
                    chaos.step();
                    long sum = 0;
                    for (long c : counts) { sum += c; }
                    out.emit(word, sum);
                }
            }
            """;

    private Path dir;
    private Path text;
    private Path jar;
    private ProcessCluster cluster;
    private final AtomicBoolean supervising = new AtomicBoolean(true);
    private final AtomicInteger restarts = new AtomicInteger();
    private Thread supervisor;

    @BeforeAll
    void start(@TempDir Path tmp) throws Exception {
        dir = tmp;
        text = dir.resolve("text");
        WordCounts.writeText(text, 6, 2500, 99);
        jar = JobJars.build(dir.resolve("jar"), "chaos",
                Map.of("chaos.Chaos", CHAOS, "chaos.ChaosWords", MAPPER, "chaos.ChaosSum", REDUCER));
        cluster = new ProcessCluster(dir.resolve("cluster"), WORKERS, SLOTS);
        supervisor = new Thread(this::supervise, "supervisor");
        supervisor.setDaemon(true);
        supervisor.start();
    }

    /** Restarts any worker process that died, with its port and data directory: it rejoins as itself. */
    private void supervise() {
        while (supervising.get()) {
            for (int i = 0; i < cluster.workers.size(); i++) {
                Process p = cluster.workers.get(i);
                if (!p.isAlive()) {
                    try {
                        cluster.workers.set(i, cluster.startWorker(i, SLOTS));
                        restarts.incrementAndGet();
                    } catch (java.io.IOException e) {
                        // retried on the next round
                    }
                }
            }
            try {
                TimeUnit.MILLISECONDS.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @AfterAll
    void stop() throws InterruptedException {
        supervising.set(false);
        if (supervisor != null) {
            supervisor.interrupt();
            supervisor.join(5_000);
        }
        if (cluster != null) {
            cluster.close();
        }
        Quern.destroyAll();
    }

    @RepeatedTest(3)
    void jobWhoseTasksHaltOrStallTheirWorkers_succeedsWithExactOutput(RepetitionInfo run) throws Exception {
        Path out = dir.resolve("out-" + run.getCurrentRepetition());
        int restartsBefore = restarts.get();
        Quern.Result r = Quern.run(Duration.ofMinutes(3), "submit", "--zk", cluster.zk, "--jar", jar.toString(),
                "--mapper", "chaos.ChaosWords", "--reducer", "chaos.ChaosSum", "--input", text.toString(),
                "--output", out.toString(), "--reducers", "3", "--split-size", "48k", "--max-attempts", "10",
                "--conf", "quern.task.timeout=3s");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(WordCounts.sorted(WordCounts.readOutput(out, 3))).isEqualTo(WordCounts.sorted(WordCounts.reference(text)));
        assertThat(ClusterIT.listNames(out)).containsExactlyInAnyOrder("_SUCCESS", "part-r-00000", "part-r-00001",
                "part-r-00002");
        System.out.printf("crash run %d: %d worker restarts%n", run.getCurrentRepetition(),
                restarts.get() - restartsBefore);
    }
}
