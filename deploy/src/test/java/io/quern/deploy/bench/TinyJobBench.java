package io.quern.deploy.bench;

import io.quern.client.JobRequest;
import io.quern.client.JobStatus;
import io.quern.client.QuernClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Latency of a tiny job on a warm cluster, from one warm JVM: word count over 1 KiB of text, each
 * run into a fresh output directory, timed from calling {@code submit} until {@code _SUCCESS}
 * exists (checked every 0.2 ms, on this thread). Warm-up runs come first and are not counted.
 *
 * <p>Usage: {@code TinyJobBench ZK WORK_DIR RUNS WARMUP}. Progress goes to stderr; stdout gets one
 * line, {@code median_ms p90_ms min_ms max_ms mean_await_extra_ms runs}, for the calling script.
 */
public final class TinyJobBench {
    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(60);

    private TinyJobBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: TinyJobBench ZK WORK_DIR RUNS WARMUP");
            System.exit(2);
        }
        String zk = args[0];
        Path work = Path.of(args[1]);
        int runs = Integer.parseInt(args[2]);
        int warmup = Integer.parseInt(args[3]);
        if (runs < 1 || warmup < 0) {
            System.err.println("TinyJobBench: RUNS must be at least 1 and WARMUP at least 0");
            System.exit(2);
        }
        Path input = writeInput(work.resolve("input.txt"));
        List<Double> millis = new ArrayList<>();
        double awaitExtra = 0;
        try (QuernClient quern = QuernClient.connect(zk)) {
            for (int i = 0; i < warmup + runs; i++) {
                Path out = work.resolve("out-" + i);
                long t0 = System.nanoTime();
                String id = quern.submit(JobRequest.builtin("wordcount").input(input).output(out).build());
                long submitted = System.nanoTime();
                Path success = out.resolve("_SUCCESS");
                while (!Files.exists(success)) {
                    if (System.nanoTime() - t0 > DEADLINE_NANOS) {
                        throw new IllegalStateException(id + ": no _SUCCESS after 60 s");
                    }
                    TimeUnit.MICROSECONDS.sleep(200);
                }
                long done = System.nanoTime();
                JobStatus last = quern.await(id, s -> { });
                long awaited = System.nanoTime();
                if (!last.state().name().equals("SUCCEEDED")) {
                    throw new IllegalStateException(id + " ended " + last.state() + ": " + last.diagnostics());
                }
                double ms = (done - t0) / 1e6;
                boolean counted = i >= warmup;
                if (counted) {
                    millis.add(ms);
                    awaitExtra += (awaited - done) / 1e6;
                }
                System.err.printf(Locale.ROOT, "%s %s %.1f ms (submit returned after %.1f ms)%n",
                        counted ? "run" : "warm-up", id, ms, (submitted - t0) / 1e6);
            }
        }
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "%.1f %.1f %.1f %.1f %.1f %d%n", median(sorted),
                percentile(sorted, 90), sorted[0], sorted[sorted.length - 1], awaitExtra / sorted.length,
                sorted.length);
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Nearest rank: the smallest value with at least p% of the values at or below it. */
    static double percentile(double[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /** 1 KiB of lines of words, the same every time. */
    private static Path writeInput(Path file) throws IOException {
        String[] words = {"quern", "mill", "stone", "grain", "river", "wheel", "flour", "the", "of", "and"};
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (sb.length() < 1024) {
            sb.append(words[i % words.length]).append(i % 7 == 6 ? '\n' : ' ');
            i += 3;
        }
        byte[] bytes = Arrays.copyOf(sb.toString().getBytes(StandardCharsets.US_ASCII), 1024);
        bytes[1023] = '\n';
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }
}
