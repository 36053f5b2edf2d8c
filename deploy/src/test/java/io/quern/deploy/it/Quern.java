package io.quern.deploy.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the built {@code bin/quern} as a separate process, as a user would. Every process started
 * here is tracked and destroyed (with its descendants) by {@link #destroyAll}.
 */
final class Quern {
    static final Path ROOT = locateRoot();
    static final Path BIN = ROOT.resolve("bin/quern");
    private static final List<Process> started = new ArrayList<>();
    /** The QUERN_ variables that are not settings and name no config file. */
    private static final java.util.Set<String> NOT_SETTINGS =
            java.util.Set.of("QUERN_WORKER_OPTS", "QUERN_CLASS_ARCHIVE");

    private Quern() {}

    record Result(int exit, String stdout, String stderr, Duration took) {
        List<String> stdoutLines() {
            return stdout.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + exit + " after " + took.toMillis() + " ms\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    /** Runs a command to completion (killed after {@code timeout}). */
    static Result run(Duration timeout, String... args) throws IOException, InterruptedException {
        return runWrapped(BIN, List.of(), timeout, args);
    }

    /** Runs a command of another {@code bin/quern} (an unpacked distribution) to completion. */
    static Result run(Path bin, Duration timeout, String... args) throws IOException, InterruptedException {
        return runWrapped(bin, List.of(), timeout, args);
    }

    /** Runs a command to completion inside a network namespace ({@code ip netns exec}; needs root). */
    static Result runIn(String netns, Duration timeout, String... args) throws IOException, InterruptedException {
        return runWrapped(BIN, netnsExec(netns), timeout, args);
    }

    private static Result runWrapped(Path bin, List<String> wrapper, Duration timeout, String... args)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("quern-out", ".txt");
        Path err = Files.createTempFile("quern-err", ".txt");
        long t0 = System.nanoTime();
        Process p = builder(bin, wrapper, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        track(p);
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                destroyTree(p);
                throw new AssertionError("quern " + String.join(" ", args) + " did not finish within " + timeout
                        + "\n--- stderr\n" + Files.readString(err));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), Duration.ofNanos(System.nanoTime() - t0));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Starts a long-running command (a server); its output goes to {@code log}. */
    static Process start(Path log, String... args) throws IOException {
        return startWrapped(List.of(), log, args);
    }

    /** Starts a long-running command inside a network namespace ({@code ip netns exec}; needs root). */
    static Process startIn(String netns, Path log, String... args) throws IOException {
        return startWrapped(netnsExec(netns), log, args);
    }

    private static Process startWrapped(List<String> wrapper, Path log, String... args) throws IOException {
        Files.createDirectories(log.getParent());
        Process p = builder(BIN, wrapper, args).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        track(p);
        return p;
    }

    private static List<String> netnsExec(String netns) {
        return List.of("ip", "netns", "exec", netns);
    }

    private static ProcessBuilder builder(Path bin, List<String> wrapper, String... args) {
        List<String> cmd = new ArrayList<>(wrapper);
        cmd.add(bin.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(cmd);
        // Settings come from the test alone: no config file or setting of whoever runs it.
        b.environment().keySet().removeIf(name -> name.startsWith("QUERN_") && !NOT_SETTINGS.contains(name));
        b.environment().put("JAVA_OPTS", "-Xmx256m -XX:TieredStopAtLevel=1");
        b.environment().put("QUERN_WORKER_OPTS", "-Xmx512m");
        b.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return b;
    }

    private static synchronized void track(Process p) {
        started.add(p);
    }

    /**
     * The contract's answer to bad usage or bad input: exit 2 and one line on stderr naming the
     * problem, never a stack trace. (The line may name an exception class, as when a user's
     * constructor threw; what it must not hold is a trace.)
     */
    static void assertBadInput(Result r, String mention) {
        org.assertj.core.api.Assertions.assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        org.assertj.core.api.Assertions.assertThat(r.stderr().lines().toList()).as(r.toString()).hasSize(1);
        org.assertj.core.api.Assertions.assertThat(r.stderr()).as(r.toString()).contains(mention)
                .doesNotContain("\tat ").doesNotContain("Caused by").doesNotContain("Exception in thread");
    }

    /** Kills a process and everything it started. */
    static void destroyTree(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static synchronized void destroyAll() {
        for (Process p : started) {
            if (p.isAlive()) {
                destroyTree(p);
            }
        }
        started.clear();
    }

    private static Path locateRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve("bin/quern"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("bin/quern not found above " + Path.of("").toAbsolutePath());
        }
        return p;
    }
}
