package io.quern.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ten thousand tiny text files and one file big enough to be cut, on a real cluster of separate
 * processes: the small files and the cut file's tail are packed into a few map tasks, and every
 * line is still read once, under its own file name and byte offset.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SmallFilesIT {
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(2);
    private static final int FILES = 10_000;
    private static final long SPLIT_SIZE = 128 * 1024;
    /** The engine's cap on the ranges of one split (InputSplitter.MAX_RANGES_PER_SPLIT). */
    private static final int MAX_RANGES = 2_000;

    /** Emits {@code file:offset} of every line, from {@code TaskContext.inputFile()} and the key. */
    private static final String LINE_PLACES = """
            package com.acme;

            import io.quern.api.Emitter;
            import io.quern.api.Mapper;
            import io.quern.api.TaskContext;

            public class LinePlaces implements Mapper<Long, String, String, Long> {
                private TaskContext context;

                public void setup(TaskContext context) {
                    this.context = context;
                }

                public void map(Long offset, String line, Emitter<String, Long> out) {
                    out.emit(context.inputFile() + ":" + offset, 1L);
                }
            }
            """;

    private Path dir;
    private ProcessCluster cluster;
    private Path input;

    @BeforeAll
    void startCluster(@TempDir Path tmp) throws Exception {
        dir = tmp;
        cluster = new ProcessCluster(dir.resolve("cluster"), 2, 2);
        input = dir.resolve("tiny");
        WordCounts.writeText(input, FILES, 2, 23);
        Path big = dir.resolve("big");
        WordCounts.writeText(big, 1, 7_000, 29);
        Files.move(big.resolve("text-000.txt"), input.resolve("text-5000-big.txt"));
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
        Quern.destroyAll();
    }

    @Test
    void tenThousandTinyFiles_makeTheMapTasksThePackingSays_andCountEveryWord() throws Exception {
        Path out = dir.resolve("wc");
        long bigSize = Files.size(input.resolve("text-5000-big.txt"));
        assertThat(bigSize).as("the big file is cut, with a tail").isGreaterThan(2 * SPLIT_SIZE + SPLIT_SIZE / 10);

        Quern.Result r = Quern.run(JOB_TIMEOUT, "submit", "--zk", cluster.zk, "--job", "wordcount", "--input",
                input.toString(), "--output", out.toString(), "--split-size", "" + SPLIT_SIZE);

        assertThat(r.exit()).as(r.toString()).isZero();
        List<String> lines = r.stdoutLines();
        assertThat(lines.get(0)).as(r.toString()).matches("job job-\\d+ SUCCEEDED");
        int expectedMaps = expectedMapTasks(input);
        assertThat(expectedMaps).as("far fewer tasks than files").isBetween(5, 50);
        assertThat(mapTasks(lines.get(0).split(" ")[1])).isEqualTo(expectedMaps);
        assertThat(ClusterIT.counters(lines).get("map.input.records")).isEqualTo(ClusterIT.lineCount(input));
        assertThat(WordCounts.sorted(WordCounts.readOutput(out, 2)))
                .isEqualTo(WordCounts.sorted(WordCounts.reference(input)));
    }

    @Test
    void inputFileAndOffsets_nameEachLinesOwnFile_acrossThePackedRanges() throws Exception {
        Path jar = JobJars.build(dir.resolve("jars"), "places",
                Map.of("com.acme.LinePlaces", LINE_PLACES, "com.acme.Sum", JobSources.SUM));
        Path out = dir.resolve("places");

        Quern.Result r = Quern.run(JOB_TIMEOUT, "submit", "--zk", cluster.zk, "--jar", jar.toString(), "--mapper",
                "com.acme.LinePlaces", "--reducer", "com.acme.Sum", "--input", input.toString(), "--output",
                out.toString(), "--split-size", "" + SPLIT_SIZE);

        assertThat(r.exit()).as(r.toString()).isZero();
        Map<String, Long> expected = new TreeMap<>();
        for (TextLines.Line l : TextLines.readDir(input)) {
            expected.put(l.file() + ":" + l.offset(), 1L);
        }
        assertThat(new TreeMap<>(PartFiles.longs(out, 2))).isEqualTo(expected);
        assertThat(mapTasks(r.stdoutLines().get(0).split(" ")[1])).isEqualTo(expectedMapTasks(input));
    }

    /**
     * The packing rule of the architecture document, computed here from the file sizes: files in name
     * order; a text file cut into pieces of the split size while more than 1.1 split sizes remain;
     * a piece of the split size or more is a task of its own; smaller pieces fill tasks in order up
     * to the split size and {@link #MAX_RANGES} pieces.
     */
    private static int expectedMapTasks(Path dir) throws Exception {
        List<Long> sizes;
        try (Stream<Path> files = Files.list(dir)) {
            sizes = files.sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .map(SmallFilesIT::size).filter(s -> s > 0).toList();
        }
        int tasks = 0;
        long openBytes = 0;
        int openRanges = 0;
        for (long size : sizes) {
            long remaining = size;
            while (remaining * 10 > SPLIT_SIZE * 11) {
                tasks++;
                remaining -= SPLIT_SIZE;
            }
            if (remaining >= SPLIT_SIZE) {
                tasks++;
                continue;
            }
            if (openRanges > 0 && (openBytes + remaining > SPLIT_SIZE || openRanges == MAX_RANGES)) {
                tasks++;
                openBytes = 0;
                openRanges = 0;
            }
            openBytes += remaining;
            openRanges++;
        }
        return tasks + (openRanges > 0 ? 1 : 0);
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The total of map tasks {@code quern status} reports ({@code map S/T succeeded, ...}). */
    private int mapTasks(String jobId) throws Exception {
        Quern.Result status = Quern.run(Duration.ofSeconds(30), "status", "--zk", cluster.zk, jobId);
        Pattern map = Pattern.compile("map (\\d+)/(\\d+) succeeded.*");
        for (String line : status.stdoutLines()) {
            Matcher m = map.matcher(line);
            if (m.matches()) {
                assertThat(m.group(1)).as("every map task succeeded\n" + status).isEqualTo(m.group(2));
                return Integer.parseInt(m.group(2));
            }
        }
        throw new AssertionError("no map line in\n" + status);
    }
}
