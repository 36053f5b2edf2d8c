package io.quern.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stragglers and skew on a real cluster of processes (ZooKeeper, a coordinator, three workers with
 * one slot each): a task that stalls forever, several that stall on their first attempt, a worker
 * slowed down by SIGSTOP/SIGCONT for the whole run, one input file ten times the others, a hot key.
 * Every job must end with exactly the output and counters of an independent computation, however
 * many backup attempts ran and however its maps were split.
 *
 * <p>Most jobs run a word count that paces itself (it sleeps a fixed time per byte read, see
 * {@link #PACED_WORDS}): its speed then depends on the wall time its worker may run, not on how busy
 * the two cores of a test machine are, so which task straggles is decided by the test, not by noise.
 * Timing is asserted only as generous upper bounds (a stalled task must not hold the job).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class StragglerIT {
    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(100);
    private static final int WORKERS = 3;
    private static final Pattern BACKUPS = Pattern.compile("^backups launched (\\d+) won (\\d+)$", Pattern.MULTILINE);
    private static final Pattern SPLITS = Pattern.compile("^splits (\\d+) new-tasks (\\d+)$", Pattern.MULTILINE);

    /** Task ids in a comma-separated conf value. */
    private static final String LISTED = """
            package paced;
            final class Listed {
                private Listed() {}
                static boolean in(String list, String id) {
                    if (list == null) { return false; }
                    for (String s : list.split(",")) { if (s.trim().equals(id)) { return true; } }
                    return false;
                }
            }
            """;

    /**
     * Word count (letter runs by code point, as {@link WordCounts#reference} counts) that sleeps
     * {@code paced.ns.per.byte} per byte read and never catches up, so a worker that is frozen part
     * of the time runs proportionally slower. On attempt 0 of the tasks in {@code stall.tasks} it
     * sleeps ten minutes, interruptibly, at its first record. Counts its lines in {@code paced.lines}.
     */
    private static final String PACED_WORDS = """
            package paced;
            import io.quern.api.*;
            public class PacedWords implements Mapper<Long, String, String, Long> {
                private long nanosPerByte;
                private long owed;
                private boolean stall;
                private Counter lines;
                public void setup(TaskContext ctx) {
                    String pace = ctx.conf("paced.ns.per.byte");
                    nanosPerByte = pace == null ? 0 : Long.parseLong(pace);
                    stall = ctx.attempt() == 0 && Listed.in(ctx.conf("stall.tasks"), ctx.taskId());
                    lines = ctx.counter("paced.lines");
                }
                public void map(Long offset, String line, Emitter<String, Long> out) throws Exception {
                    if (stall) { stall = false; Thread.sleep(600_000); }
                    lines.increment(1);
                    owed += (line.length() + 1) * nanosPerByte;
                    if (owed >= 2_000_000) { Thread.sleep(owed / 1_000_000); owed %= 1_000_000; }
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

    /** Sums counts; on attempt 0 of the reduce tasks in {@code stall.tasks} it first sleeps ten minutes. */
    private static final String STALLING_SUM = """
            package paced;
            import io.quern.api.*;
            public class StallingSum implements Reducer<String, Long, String, Long> {
                private boolean stall;
                public void setup(TaskContext ctx) {
                    stall = ctx.attempt() == 0 && Listed.in(ctx.conf("stall.tasks"), ctx.taskId());
                }
                public void reduce(String word, Iterable<Long> counts, Emitter<String, Long> out) throws Exception {
                    if (stall) { stall = false; Thread.sleep(600_000); }
                    long sum = 0;
                    for (long c : counts) { sum += c; }
                    out.emit(word, sum);
                }
            }
            """;

    private static final String SUM = """
            package paced;
            import io.quern.api.*;
            public class Sum implements Reducer<String, Long, String, Long> {
                public void reduce(String word, Iterable<Long> counts, Emitter<String, Long> out) {
                    long sum = 0;
                    for (long c : counts) { sum += c; }
                    out.emit(word, sum);
                }
            }
            """;

    private Path dir;
    private Path jar;
    private ProcessCluster cluster;

    @BeforeAll
    void start(@TempDir Path tmp) throws Exception {
        dir = tmp;
        jar = JobJars.build(dir.resolve("jar"), "paced", Map.of("paced.Listed", LISTED, "paced.PacedWords", PACED_WORDS,
                "paced.StallingSum", STALLING_SUM, "paced.Sum", SUM));
        cluster = new ProcessCluster(dir.resolve("cluster"), WORKERS, 1);
    }

    /** A job a failed test left running would hold slots the next test needs. */
    @AfterEach
    void killLeftoverJobs() throws Exception {
        for (String line : Quern.run(Duration.ofSeconds(30), "jobs", "--zk", cluster.zk).stdoutLines()) {
            String[] f = line.split("\\s+");
            if (f.length >= 2 && f[1].equals("RUNNING")) {
                Quern.run(Duration.ofSeconds(30), "kill", "--zk", cluster.zk, f[0]);
            }
        }
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
        Quern.destroyAll();
    }

    /** (b) A map that stalls forever on its first attempt: a backup finishes it long before any timeout. */
    @Test
    @Order(1)
    void mapStallingForeverOnItsFirstAttempt_isFinishedByABackup() throws Exception {
        Path text = exampleData("stall-in", "4m", 4);
        Path out = dir.resolve("stall-out");

        Quern.Result r = submitPaced(text, out, 2, "paced.ns.per.byte=1000", "stall.tasks=m-000001");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.took()).as("the stall (10 min) did not hold the job").isLessThan(Duration.ofSeconds(90));
        String status = status(jobId(r));
        assertThat(status).as(status).containsPattern("(?m)^event m-000001: backup attempt \\d+ on w-\\w+ won$");
        assertThat(backups(status)[1]).as(status).isGreaterThanOrEqualTo(1);
        assertExactWordCount(text, out, 2, r);
    }

    /**
     * (d) Backups of two maps and a reduce are forced (their first attempts stall): still each key
     * once with its exact count, counters as if every task ran once, nothing but the part files and
     * {@code _SUCCESS} in the output directory.
     */
    @Test
    @Order(2)
    void forcedBackupsOfMapsAndAReduce_neverDuplicateOutputOrCounters() throws Exception {
        Path text = exampleData("dup-in", "6m", 6);
        Path out = dir.resolve("dup-out");

        Quern.Result r = submitPaced(text, out, 3, "paced.ns.per.byte=500",
                "stall.tasks=m-000000,m-000003,r-00001");

        assertThat(r.exit()).as(r.toString()).isZero();
        String status = status(jobId(r));
        for (String task : List.of("m-000000", "m-000003", "r-00001")) {
            assertThat(status).as(status).containsPattern("(?m)^event " + task + ": backup attempt \\d+ on w-\\w+ won$");
        }
        int[] backups = backups(status);
        assertThat(backups[0]).as(status).isGreaterThanOrEqualTo(3);
        assertThat(backups[1]).as(status).isGreaterThanOrEqualTo(3);
        assertExactWordCount(text, out, 3, r);
    }

    /**
     * (c) One file ten times the others, each file one split: the map of the big file straggles and
     * hands the unread rest of its split to new map tasks; every line is still read exactly once.
     */
    @Test
    @Order(3)
    void oneFileTenTimesTheOthers_bigMapHandsOverItsRest_outputExact() throws Exception {
        Path text = exampleData("bigfile-in", "13m", 4, "--skew-file", "10");
        assertThat(Files.size(text.resolve("corpus-00000.txt"))).isGreaterThan(9 * Files.size(text.resolve("corpus-00001.txt")));
        Path out = dir.resolve("bigfile-out");

        Quern.Result r = submitPaced(text, out, 2, "paced.ns.per.byte=1000");

        assertThat(r.exit()).as(r.toString()).isZero();
        String status = status(jobId(r));
        Matcher splits = SPLITS.matcher(status);
        assertThat(splits.find()).as(status).isTrue();
        assertThat(Integer.parseInt(splits.group(1))).as("maps split\n" + status).isGreaterThanOrEqualTo(1);
        assertThat(Integer.parseInt(splits.group(2))).as("new tasks\n" + status).isGreaterThanOrEqualTo(1);
        assertThat(status).as(status).containsPattern("(?m)^event m-000000 stopped early on w-\\w+: its unread \\d+ MB became \\d+ new map tasks");
        assertThat(r.stderr()).as("the summary reports it").containsPattern("(?m)^stragglers: .*[1-9]\\d* straggling maps split");
        assertExactWordCount(text, out, 2, r);
    }

    /**
     * (c) A hot key (60% of all words are "the"), built-in word count: exact output, the partitions
     * dealt to the reduce tasks within the bound of largest-first dealing (4/3 of the best possible
     * largest load, which is at least the mean and at least the largest partition), and the hot key
     * found by the sample.
     */
    @Test
    @Order(4)
    void hotKey_partitionsDealtWithinTheLptBound_hotKeySampledFirst() throws Exception {
        Path text = exampleData("hot-in", "12m", 4, "--hot-key-share", "0.6");
        Path out = dir.resolve("hot-out");
        int reducers = 3;

        Quern.Result r = Quern.run(JOB_TIMEOUT, "submit", "--zk", cluster.zk, "--job", "wordcount", "--input",
                text.toString(), "--output", out.toString(), "--reducers", "" + reducers);

        assertThat(r.exit()).as(r.toString()).isZero();
        String status = status(jobId(r));
        assertThat(status).as(status).contains("\npartitions " + reducers * 4 + "\n");
        List<Long> reduceBytes = longs(field(status, "reduce-bytes"));
        assertThat(reduceBytes).as(status).hasSize(reducers);
        long max = reduceBytes.stream().mapToLong(Long::longValue).max().orElseThrow();
        double mean = reduceBytes.stream().mapToLong(Long::longValue).average().orElseThrow();
        long largestPartition = lines(status, "partition ").stream()
                .mapToLong(l -> Long.parseLong(l.split(" ")[2])).max().orElseThrow();
        assertThat((double) max).as("largest reduce input against the LPT bound\n" + status)
                .isLessThanOrEqualTo(4.0 / 3.0 * Math.max(mean, largestPartition));
        List<String> hot = lines(status, "hot-key ");
        assertThat(hot).as(status).isNotEmpty();
        assertThat(hot.get(0)).as("the heaviest sampled key\n" + status).matches("hot-key \\d+ the");
        assertThat(r.stderr()).as("the summary names it").containsPattern("(?m)^hot keys \\(sampled\\): the ");
        Map<String, Long> expected = WordCounts.reference(text);
        assertThat(WordCounts.sorted(PartFiles.longs(out, reducers))).isEqualTo(WordCounts.sorted(expected));
        Map<String, Long> counters = counters(r);
        assertThat(counters.get("map.input.records")).isEqualTo(lineCount(text));
        assertThat(counters.get("map.output.records")).isEqualTo(expected.values().stream().mapToLong(Long::longValue).sum());
        assertThat(counters.get("reduce.output.records")).isEqualTo((long) expected.size());
    }

    /**
     * (a) One worker is frozen three quarters of the time (SIGSTOP 300 ms, SIGCONT 100 ms, for the whole
     * run: far shorter than the 3 s of silence that suspends a worker). Three maps, one per worker:
     * the one on the slowed worker straggles and a backup on a healthy worker wins.
     */
    @Test
    @Order(5)
    void workerSlowedForTheWholeRun_backupOfItsMapWins_outputAndCountersExact() throws Exception {
        Path text = exampleData("slow-in", "4500k", 3);
        Path out = dir.resolve("slow-out");
        int slowed = 0;
        String slowId = cluster.workerId(slowed);
        Process victim = cluster.workers.get(slowed);
        AtomicBoolean cycling = new AtomicBoolean(true);
        Thread dutyCycle = new Thread(() -> dutyCycle(victim.pid(), cycling), "duty-cycle");
        dutyCycle.setDaemon(true);
        Quern.Result r;
        dutyCycle.start();
        try {
            r = submitPaced(text, out, 2, "paced.ns.per.byte=2000");
        } finally {
            cycling.set(false);
            dutyCycle.join(5_000);
            signal("CONT", victim.pid());
        }

        assertThat(r.exit()).as(r.toString()).isZero();
        String status = status(jobId(r));
        int[] backups = backups(status);
        assertThat(backups[0]).as(status).isGreaterThanOrEqualTo(1);
        assertThat(backups[1]).as(status).isGreaterThanOrEqualTo(1);
        Matcher launched = Pattern.compile("(?m)^event (m-\\d+): backup attempt on w-\\w+ \\(attempt 0 on "
                + Pattern.quote(slowId) + "\\b").matcher(status);
        assertThat(launched.find()).as("a backup of the slowed worker's map\n" + status).isTrue();
        assertThat(status).as(status).containsPattern("(?m)^event " + launched.group(1)
                + ": backup attempt \\d+ on w-\\w+ won$");
        assertExactWordCount(text, out, 2, r);
    }

    // ------------------------------------------------------------------ helpers

    /** Sends SIGSTOP and SIGCONT in turn until told to stop; leaves the process stopped or not, the caller resumes it. */
    private static void dutyCycle(long pid, AtomicBoolean cycling) {
        try {
            while (cycling.get()) {
                signal("STOP", pid);
                TimeUnit.MILLISECONDS.sleep(300);
                signal("CONT", pid);
                TimeUnit.MILLISECONDS.sleep(100);
            }
        } catch (InterruptedException | IOException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }

    /** {@code quern example-data --kind text} into a fresh directory, as a user makes test input. */
    private Path exampleData(String name, String size, int files, String... more) throws Exception {
        Path d = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("example-data", "--kind", "text", "--output", d.toString(),
                "--size", size, "--files", "" + files, "--seed", "7"));
        args.addAll(List.of(more));
        Quern.Result r = Quern.run(Duration.ofSeconds(60), args.toArray(String[]::new));
        assertThat(r.exit()).as(r.toString()).isZero();
        return d;
    }

    /** The paced word count, combiner on; each file is one split (small files are not packed). */
    private Quern.Result submitPaced(Path text, Path out, int reducers, String... conf) throws Exception {
        List<String> args = new ArrayList<>(List.of("submit", "--zk", cluster.zk, "--jar", jar.toString(),
                "--mapper", "paced.PacedWords", "--reducer", "paced.StallingSum", "--combiner", "paced.Sum",
                "--input", text.toString(), "--output", out.toString(), "--reducers", "" + reducers,
                "--split-size", "64m", "--conf", "quern.split.pack=false"));
        for (String c : conf) {
            args.add("--conf");
            args.add(c);
        }
        return Quern.run(JOB_TIMEOUT, args.toArray(String[]::new));
    }

    /**
     * The output holds each word once with its exact count, and nothing but the part files and
     * {@code _SUCCESS}; the counters count every line and word once, whatever attempts ran.
     */
    private static void assertExactWordCount(Path text, Path out, int reducers, Quern.Result r) throws IOException {
        Map<String, Long> expected = WordCounts.reference(text);
        assertThat(WordCounts.sorted(PartFiles.longs(out, reducers))).isEqualTo(WordCounts.sorted(expected));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < reducers; i++) {
            names.add(String.format("part-r-%05d", i));
        }
        names.add("_SUCCESS");
        assertThat(PartFiles.names(out)).as("no attempt files left behind").containsExactlyInAnyOrderElementsOf(names);
        Map<String, Long> counters = counters(r);
        long lines = lineCount(text);
        assertThat(counters.get("map.input.records")).as(r.stdout()).isEqualTo(lines);
        assertThat(counters.get("paced.lines")).as(r.stdout()).isEqualTo(lines);
        assertThat(counters.get("map.output.records")).as(r.stdout())
                .isEqualTo(expected.values().stream().mapToLong(Long::longValue).sum());
        assertThat(counters.get("reduce.output.records")).as(r.stdout()).isEqualTo((long) expected.size());
    }

    /** Lines as the text input format reads them: each terminated line, and an unterminated last one. */
    private static long lineCount(Path dir) throws IOException {
        long lines = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                byte[] b = Files.readAllBytes(f);
                for (byte x : b) {
                    lines += x == '\n' ? 1 : 0;
                }
                lines += b.length > 0 && b[b.length - 1] != '\n' ? 1 : 0;
            }
        }
        return lines;
    }

    /** The job's counters from the {@code name value} lines after {@code job <id> <STATE>}. */
    private static Map<String, Long> counters(Quern.Result r) {
        Map<String, Long> m = new HashMap<>();
        List<String> lines = r.stdoutLines();
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.trim().split("\\s+");
            if (f.length == 2 && f[1].matches("-?\\d+")) {
                m.put(f[0], Long.parseLong(f[1]));
            }
        }
        return m;
    }

    private static String jobId(Quern.Result r) {
        String first = r.stdoutLines().get(0);
        assertThat(first).as(r.toString()).matches("job job-\\d+ \\w+");
        return first.split(" ")[1];
    }

    private String status(String id) throws Exception {
        Quern.Result s = Quern.run(Duration.ofSeconds(30), "status", "--zk", cluster.zk, id);
        assertThat(s.exit()).as(s.toString()).isZero();
        return s.stdout();
    }

    /** {@code [launched, won]} from the status line {@code backups launched N won M}. */
    private static int[] backups(String status) {
        Matcher m = BACKUPS.matcher(status);
        assertThat(m.find()).as(status).isTrue();
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }

    private static List<String> lines(String status, String prefix) {
        return status.lines().filter(l -> l.startsWith(prefix)).toList();
    }

    /** What follows {@code name } on its status line. */
    private static String field(String status, String name) {
        List<String> l = lines(status, name + " ");
        assertThat(l).as(status).hasSize(1);
        return l.get(0).substring(name.length() + 1);
    }

    private static List<Long> longs(String s) {
        return Stream.of(s.trim().split("\\s+")).map(Long::parseLong).toList();
    }
}
