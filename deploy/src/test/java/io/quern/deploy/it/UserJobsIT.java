package io.quern.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * User jobs from jars compiled while the test runs, submitted with {@code quern submit --jar} to a
 * real cluster of separate processes (ZooKeeper, a coordinator, three workers with two slots each).
 * Every output is compared with a result computed here, never with another run of the engine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class UserJobsIT {
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(2);
    private static final Path EXAMPLES_JAR = Quern.ROOT.resolve("examples/target/examples-0.1.0-SNAPSHOT.jar");

    private Path dir;
    private ProcessCluster cluster;
    /** Words, Sum, AlphabetHalves, CountingWords, PoisonWords. */
    private Path jobsJar;
    private Path text;

    @BeforeAll
    void startCluster(@TempDir Path tmp) throws Exception {
        dir = tmp;
        CompletableFuture<Path> jar = CompletableFuture.supplyAsync(() -> {
            try {
                return JobJars.build(dir.resolve("jars"), "jobs", JobSources.of(
                        "com.acme.Words", JobSources.WORDS, "com.acme.Sum", JobSources.SUM,
                        "com.acme.AlphabetHalves", JobSources.HALVES, "com.acme.CountingWords", JobSources.COUNTING,
                        "com.acme.PoisonWords", JobSources.POISON));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        cluster = new ProcessCluster(dir.resolve("cluster"), 3, 2);
        jobsJar = jar.join();
        text = dir.resolve("text");
        WordCounts.writeText(text, 4, 1500, 21);
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
        Quern.destroyAll();
    }

    @Test
    void invertedIndex_fromExamplesJar_matchesIndependentIndex() throws Exception {
        assertThat(EXAMPLES_JAR).as("built by the examples module").isRegularFile();
        Path docs = Files.createDirectories(dir.resolve("docs"));
        Map<String, String> contents = new TreeMap<>();
        contents.put("alpha.txt", "Quern grinds GRAIN. The mill's stone: quern-stone!\r\nnaïve Café 42");
        contents.put("beta.md", "# MapReduce\nmapreduce, Straße STRASSE; Ελλάδα ελλάδα\n𐐀𐐁 and İstanbul");
        contents.put("gamma.txt", "grain\tmill\tabc123def x");
        contents.put("delta", "the end");
        contents.put("empty.txt", "");
        contents.forEach((name, content) -> write(docs.resolve(name), content));
        // not input: a directory's files starting with '_' or '.' are skipped
        write(docs.resolve("_notes.txt"), "hidden underscore");
        write(docs.resolve(".draft"), "hidden dot");
        Path out = dir.resolve("index");

        Quern.Result r = submit("--jar", EXAMPLES_JAR.toString(), "--input-format", "whole-file",
                "--mapper", "io.quern.examples.index.InvertedIndexMapper",
                "--reducer", "io.quern.examples.index.InvertedIndexReducer",
                "--input", docs.toString(), "--output", out.toString(), "--reducers", "3");

        assertSucceeded(r);
        Map<String, TreeSet<String>> index = new HashMap<>();
        contents.forEach((name, content) -> {
            Matcher m = Pattern.compile("\\p{L}+").matcher(content);
            while (m.find()) {
                index.computeIfAbsent(m.group().toLowerCase(Locale.ROOT), w -> new TreeSet<>()).add(name);
            }
        });
        Map<String, String> expected = new TreeMap<>();
        index.forEach((word, names) -> expected.put(word, String.join(",", names)));
        assertThat(new TreeMap<>(PartFiles.all(out, 3))).isEqualTo(expected);
        assertThat(expected).containsEntry("quern", "alpha.txt").containsEntry("grain", "alpha.txt,gamma.txt")
                .containsKey("𐐨𐐩").doesNotContainKey("hidden");
        long postings = index.values().stream().mapToLong(Set::size).sum();
        assertThat(ClusterIT.counters(r.stdoutLines())).containsEntry("index.postings", postings)
                .containsEntry("map.input.records", (long) contents.size());
    }

    @Test
    void customPartitioner_putsEveryKeyInItsChosenPartFile() throws Exception {
        Path out = dir.resolve("halves");

        Quern.Result r = submit("--jar", jobsJar.toString(), "--mapper", "com.acme.Words", "--reducer", "com.acme.Sum",
                "--partitioner", "com.acme.AlphabetHalves", "--input", text.toString(), "--output", out.toString(),
                "--reducers", "2", "--split-size", "16k");

        assertSucceeded(r);
        List<Map<String, String>> parts = PartFiles.partitions(out, 2);
        assertThat(parts.get(0).keySet()).as("part-r-00000: words a..m").isNotEmpty()
                .allMatch(k -> k.charAt(0) >= 'a' && k.charAt(0) <= 'm');
        assertThat(parts.get(1).keySet()).as("part-r-00001: every other word").isNotEmpty()
                .noneMatch(k -> k.charAt(0) >= 'a' && k.charAt(0) <= 'm');
        assertThat(new TreeMap<>(PartFiles.longs(out, 2)))
                .isEqualTo(new TreeMap<>(TextLines.lowerWords(TextLines.readDir(text))));
    }

    @Test
    void combiner_leavesOutputByteIdenticalAndOnlyShowsInCombineCounters() throws Exception {
        Path plain = dir.resolve("no-combiner");
        Path combined = dir.resolve("combiner");
        String[] common = {"--jar", jobsJar.toString(), "--mapper", "com.acme.Words", "--reducer", "com.acme.Sum",
            "--input", text.toString(), "--reducers", "3", "--split-size", "32k",
            "--conf", "quern.sort.buffer.bytes=8192"};

        Quern.Result without = submit(concat(common, "--output", plain.toString()));
        Quern.Result with = submit(concat(common, "--output", combined.toString(), "--combiner", "com.acme.Sum"));

        assertSucceeded(without);
        assertSucceeded(with);
        // Partitions are dealt to the reducers by size, and a combiner changes the sizes, so the
        // lines may sit in other part files; together they must be the same bytes.
        assertThat(sortedLines(combined, 3)).isEqualTo(sortedLines(plain, 3));
        assertThat(new TreeMap<>(PartFiles.longs(plain, 3)))
                .isEqualTo(new TreeMap<>(TextLines.lowerWords(TextLines.readDir(text))));
        Map<String, Long> w = ClusterIT.counters(with.stdoutLines());
        Map<String, Long> wo = ClusterIT.counters(without.stdoutLines());
        assertThat(w.get("combine.input.records")).as(with.stdout()).isGreaterThan(w.get("combine.output.records"));
        assertThat(wo.getOrDefault("combine.input.records", 0L)).as(without.stdout())
                .isEqualTo(wo.getOrDefault("combine.output.records", 0L));
        assertThat(w.get("map.output.records")).isEqualTo(wo.get("map.output.records"));
        assertThat(w.get("reduce.input.records")).isLessThan(wo.get("reduce.input.records"));
    }

    @Test
    void userCounters_countOnlyTheSuccessfulAttemptOfEachTask() throws Exception {
        Path in = dir.resolve("counted");
        WordCounts.writeText(in, 3, 400, 5);
        Path out = dir.resolve("counted-out");

        // Small files unpacked: one split per file, m-000000..m-000002.
        Quern.Result r = submit("--jar", jobsJar.toString(), "--mapper", "com.acme.CountingWords",
                "--reducer", "com.acme.Sum", "--input", in.toString(), "--output", out.toString(),
                "--conf", "quern.split.pack=false");

        assertSucceeded(r);
        List<TextLines.Line> lines = TextLines.readDir(in);
        long chars = lines.stream().mapToLong(l -> l.text().length()).sum();
        long withDigits = lines.stream().filter(l -> l.text().codePoints().anyMatch(Character::isDigit)).count();
        assertThat(withDigits).as("test data has lines with digits").isPositive();
        assertThat(r.stderr()).as("m-000001 failed once and was re-run").contains("failed attempts: 1 map, 0 reduce");
        Map<String, Long> counters = ClusterIT.counters(r.stdoutLines());
        assertThat(counters).containsEntry("chars", chars).containsEntry("lines.with.digits", withDigits)
                .containsEntry("map.input.records", (long) lines.size());
        assertThat(new TreeMap<>(PartFiles.longs(out, 2))).isEqualTo(new TreeMap<>(TextLines.lowerWords(lines)));
    }

    @Test
    void concurrentJobs_withConflictingLibraryVersions_eachSeeOnlyTheirOwn() throws Exception {
        Map<String, Path> jars = new TreeMap<>();
        for (String v : List.of("v1", "v2")) {
            jars.put(v, JobJars.build(dir.resolve("jars"), "tagged-" + v, JobSources.of(
                    "com.lib.Greeting", JobSources.greeting(v), "com.acme.Words", JobSources.WORDS,
                    "com.app.TaggedWords", JobSources.TAGGED, "com.acme.Sum", JobSources.SUM)));
        }
        Map<String, CompletableFuture<Quern.Result>> submits = new TreeMap<>();
        jars.forEach((v, jar) -> submits.put(v, CompletableFuture.supplyAsync(() -> {
            try {
                return Quern.run(Duration.ofSeconds(60), "submit", "--zk", cluster.zk, "--detach", "--jar",
                        jar.toString(), "--mapper", "com.app.TaggedWords", "--reducer", "com.acme.Sum",
                        "--input", text.toString(), "--output", dir.resolve("tagged-" + v).toString(),
                        "--conf", "sleep.ms=1000");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        })));
        Map<String, String> ids = new TreeMap<>();
        for (Map.Entry<String, CompletableFuture<Quern.Result>> e : submits.entrySet()) {
            Quern.Result r = e.getValue().get(90, TimeUnit.SECONDS);
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.stdout().trim()).as(r.toString()).matches("job-\\d+");
            ids.put(e.getKey(), r.stdout().trim());
        }

        Map<String, List<String>> status = new TreeMap<>();
        for (Map.Entry<String, String> e : ids.entrySet()) {
            List<String> end = awaitEnd(e.getValue());
            assertThat(end).as(String.join("\n", end)).contains("state SUCCEEDED");
            status.put(e.getKey(), end);
        }
        Map<String, Long> words = TextLines.lowerWords(TextLines.readDir(text));
        for (String v : ids.keySet()) {
            Map<String, Long> expected = new TreeMap<>();
            words.forEach((w, n) -> expected.put(v + ":" + w, n));
            assertThat(new TreeMap<>(PartFiles.longs(dir.resolve("tagged-" + v), 2))).as(v).isEqualTo(expected);
        }
        // the two jobs ran at the same time: each was submitted before the other finished
        assertThat(field(status.get("v2"), "submitted")).isBefore(field(status.get("v1"), "finished"));
        assertThat(field(status.get("v1"), "submitted")).isBefore(field(status.get("v2"), "finished"));
    }

    @Test
    void poisonRecords_withoutSkipBudget_failTheJobAndLeaveNoOutput() throws Exception {
        Poison poison = Poison.write(dir.resolve("poison-a"));
        Path out = dir.resolve("poison-a-out");

        Quern.Result r = submit(poisonJob(poison, out));

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.stdoutLines().get(0)).as(r.toString()).matches("job job-\\d+ FAILED");
        assertThat(r.stderr()).as(r.toString()).contains("poisoned record");
        assertThat(PartFiles.names(out)).as("output of a failed job")
                .noneMatch(n -> n.startsWith("part-") || n.equals("_SUCCESS"));
    }

    @Test
    void poisonRecords_withinSkipBudget_areSkippedAndReportedByFileAndOffset() throws Exception {
        Poison poison = Poison.write(dir.resolve("poison-b"));
        Path out = dir.resolve("poison-b-out");

        Quern.Result r = submit(concat(poisonJob(poison, out), "--max-skipped-records", "10"));

        assertSucceeded(r);
        assertThat(new TreeMap<>(PartFiles.longs(out, 2))).isEqualTo(new TreeMap<>(TextLines.lowerWords(poison.clean)));
        Set<String> expected = poison.bad.stream().map(l -> l.file() + ":" + l.offset()).collect(Collectors.toSet());
        assertThat(expected).hasSize(6);
        assertThat(skippedRecords(r.stderr().lines(), "  ")).as(r.stderr()).isEqualTo(expected);
        String id = r.stdoutLines().get(0).split(" ")[1];
        assertThat(skippedRecords(statusLines(id).stream(), "skipped ")).as("quern status " + id).isEqualTo(expected);
        assertThat(ClusterIT.counters(r.stdoutLines())).containsEntry("map.skipped.records", 6L);
    }

    @Test
    void poisonRecords_beyondSkipBudget_failTheJobNamingTheBudget() throws Exception {
        Poison poison = Poison.write(dir.resolve("poison-c"));
        Path out = dir.resolve("poison-c-out");

        Quern.Result r = submit(concat(poisonJob(poison, out), "--max-skipped-records", "2"));

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.stdoutLines().get(0)).as(r.toString()).matches("job job-\\d+ FAILED");
        assertThat(r.stderr()).as(r.toString()).contains("--max-skipped-records");
        assertThat(PartFiles.names(out)).noneMatch(n -> n.startsWith("part-") || n.equals("_SUCCESS"));
    }

    @Test
    void badJarsAndClasses_areRejectedAtSubmitWithOneLine() throws Exception {
        Path badJar = JobJars.build(dir.resolve("jars"), "bad", JobSources.of(
                "com.acme.Words", JobSources.WORDS, "com.acme.Sum", JobSources.SUM,
                "com.bad.NoDefaultConstructor", JobSources.NO_DEFAULT_CONSTRUCTOR,
                "com.bad.ObjectKeys", JobSources.OBJECT_KEYS,
                "com.bad.ThrowingConstructor", JobSources.THROWING_CONSTRUCTOR));
        Path notZip = dir.resolve("jars/not-a-jar.jar");
        Files.writeString(notZip, "this is plain text, not a zip file\n");

        assertRejected(notZip, "com.acme.Words", "not a jar");
        assertRejected(badJar, "com.acme.Missing", "com.acme.Missing");
        assertRejected(badJar, "com.acme.Sum", "does not implement io.quern.api.Mapper");
        assertRejected(badJar, "com.bad.NoDefaultConstructor", "no public no-argument constructor");
        assertRejected(badJar, "com.bad.ObjectKeys", "java.lang.Object is not supported");
        assertRejected(badJar, "com.bad.ThrowingConstructor", "no configuration found");
    }

    @Test
    void logstats_overKnownDistribution_givesExactCountsAndNeverFailsOnGarbage() throws Exception {
        Path logs = dir.resolve("logs");
        AccessLogs data = AccessLogs.write(logs, 3, 400, 99);
        Path out = dir.resolve("logstats");

        Quern.Result r = submit("--job", "logstats", "--input", logs.toString(), "--output", out.toString(),
                "--split-size", "16k");

        assertSucceeded(r);
        assertThat(data.expected).containsKeys("hour:2024-01-01T01", "hour:2023-12-31T20", "hour:2024-03-01T00",
                "hour:2024-02-29T10", "path:/search", "path:/wiki/Straße");
        assertThat(new TreeMap<>(PartFiles.longs(out, 2))).isEqualTo(data.expected);
        assertThat(ClusterIT.counters(r.stdoutLines())).containsEntry("malformed", data.malformed)
                .containsEntry("map.input.records", data.requests.size() + data.malformed);
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Two files cut into 2 KiB splits, with six lines containing POISON: two adjacent ones, one that
     * starts before a split boundary and ends after it, one at offset 0, and one last without a line
     * terminator. Non-ASCII text and CRLF endings come before them, so byte offsets differ from
     * character counts.
     */
    record Poison(List<TextLines.Line> clean, List<TextLines.Line> bad) {
        static final int SPLIT = 2048;
        static final int LINES = 200;

        static Poison write(Path dir) throws Exception {
            Files.createDirectories(dir);
            SplittableRandom rnd = new SplittableRandom(13);
            String[] words = {"alpha", "Beta", "gamma", "délta", "ünïcode", "日本", "mill", "stone", "42", "x"};
            Map<String, Set<Integer>> poisoned = Map.of("a.txt", Set.of(40, 41, 150), "b.txt", Set.of(0, LINES - 1));
            for (String name : List.of("a.txt", "b.txt")) {
                StringBuilder sb = new StringBuilder();
                boolean straddled = !name.equals("a.txt");
                for (int i = 0; i < LINES; i++) {
                    int bytes = sb.toString().getBytes(StandardCharsets.UTF_8).length;
                    if (poisoned.get(name).contains(i)) {
                        sb.append("this line is POISON number ").append(i);
                    } else if (!straddled && bytes > SPLIT - 100 && bytes < SPLIT) {
                        sb.append("this POISON line crosses the split boundary ").append("~".repeat(100));
                        straddled = true;
                    } else {
                        for (int w = rnd.nextInt(8); w > 0; w--) {
                            sb.append(words[rnd.nextInt(words.length)]).append(rnd.nextBoolean() ? " " : ", ");
                        }
                    }
                    if (i < LINES - 1 || name.equals("a.txt")) {
                        sb.append(rnd.nextInt(4) == 0 ? "\r\n" : "\n");
                    }
                }
                Files.writeString(dir.resolve(name), sb, StandardCharsets.UTF_8);
            }
            List<TextLines.Line> clean = new ArrayList<>();
            List<TextLines.Line> bad = new ArrayList<>();
            for (TextLines.Line l : TextLines.readDir(dir)) {
                (l.text().contains("POISON") ? bad : clean).add(l);
            }
            if (bad.size() != 6 || bad.stream().noneMatch(l -> l.offset() < SPLIT
                    && l.offset() + l.text().length() > SPLIT)) {
                throw new IllegalStateException("poison lines not placed as intended: " + bad);
            }
            return new Poison(clean, bad);
        }
    }

    private String[] poisonJob(Poison poison, Path out) {
        Path in = poison.bad.get(0).file().getParent();
        return new String[] {"--jar", jobsJar.toString(), "--mapper", "com.acme.PoisonWords", "--reducer",
            "com.acme.Sum", "--input", in.toString(), "--output", out.toString(), "--split-size", "" + Poison.SPLIT};
    }

    /** {@code file:offset} of the lines {@code m-NNNNNN file:offset} that follow {@code prefix}. */
    private static Set<String> skippedRecords(Stream<String> lines, String prefix) {
        Pattern p = Pattern.compile(Pattern.quote(prefix) + "m-\\d{6} (.+:\\d+)");
        Set<String> found = new HashSet<>();
        lines.forEach(l -> {
            Matcher m = p.matcher(l);
            if (m.matches()) {
                found.add(m.group(1));
            }
        });
        return found;
    }

    private void assertRejected(Path jar, String mapper, String mention) throws Exception {
        Path out = dir.resolve("rejected-" + mapper);
        Quern.Result r = submit("--jar", jar.toString(), "--mapper", mapper, "--reducer", "com.acme.Sum",
                "--input", text.toString(), "--output", out.toString());

        Quern.assertBadInput(r, mention);
        assertThat(out).as("no output for a rejected job").doesNotExist();
    }

    private static void assertSucceeded(Quern.Result r) {
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.stdoutLines().get(0)).as(r.toString()).matches("job job-\\d+ SUCCEEDED");
    }

    private Quern.Result submit(String... jobOptions) throws Exception {
        return Quern.run(JOB_TIMEOUT, concat(new String[] {"submit", "--zk", cluster.zk}, jobOptions));
    }

    private List<String> statusLines(String id) {
        try {
            return Quern.run(Duration.ofSeconds(30), "status", "--zk", cluster.zk, id).stdoutLines();
        } catch (Exception e) {
            return List.of();
        }
    }

    /** Polls {@code quern status} until the job is over; its last output. */
    private List<String> awaitEnd(String id) throws InterruptedException {
        List<List<String>> last = new ArrayList<>(List.of(List.of()));
        ProcessCluster.await(JOB_TIMEOUT, () -> {
            last.set(0, statusLines(id));
            return last.get(0).stream().anyMatch(l -> l.matches("state (SUCCEEDED|FAILED|KILLED)"));
        }, id + " to end");
        return last.get(0);
    }

    private static Instant field(List<String> status, String name) {
        return status.stream().filter(l -> l.startsWith(name + " ")).map(l -> Instant.parse(l.substring(name.length() + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no '" + name + "' in " + status));
    }

    private static String[] concat(String[] a, String... b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every line of the part files, in byte order. */
    private static List<String> sortedLines(Path out, int parts) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            lines.addAll(Files.readAllLines(out.resolve(String.format("part-r-%05d", p))));
        }
        Collections.sort(lines);
        return lines;
    }
}
