package io.quern.deploy.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

/**
 * A real multi-process cluster on loopback: {@code quern zookeeper}, {@code quern coordinator} and
 * N {@code quern worker} processes, each a separate JVM started from the built distribution.
 */
final class ProcessCluster implements AutoCloseable {
    final Path dir;
    final int zkPort;
    final String zk;
    final Process zookeeper;
    final Process coordinator;
    final int coordinatorPort;
    final List<Process> workers = new ArrayList<>();
    private final java.util.Map<Integer, Integer> ports = new java.util.HashMap<>();
    private final IntFunction<List<String>> workerArgs;
    /** Given to every client command this class runs ({@code workers}, {@code submit}). */
    private final List<String> clientArgs;

    ProcessCluster(Path dir, int workerCount, int slots) throws Exception {
        this(dir, workerCount, slots, List.of(), i -> List.of(), List.of());
    }

    /**
     * A cluster whose coordinator, worker {@code i} and client commands get these options too
     * (TLS options, say).
     */
    ProcessCluster(Path dir, int workerCount, int slots, List<String> coordinatorArgs,
                   IntFunction<List<String>> workerArgs, List<String> clientArgs) throws Exception {
        this.dir = dir;
        this.zkPort = freePort();
        this.zk = "127.0.0.1:" + zkPort;
        this.workerArgs = workerArgs;
        this.clientArgs = List.copyOf(clientArgs);
        zookeeper = Quern.start(dir.resolve("zk.out"), "zookeeper", "--port", "" + zkPort, "--data-dir",
                dir.resolve("zk").toString());
        coordinatorPort = freePort();
        coordinator = Quern.start(dir.resolve("coordinator.out"), with(coordinatorArgs, "coordinator", "--zk", zk,
                "--port", "" + coordinatorPort, "--data-dir", dir.resolve("coordinator").toString()));
        for (int i = 0; i < workerCount; i++) {
            workers.add(startWorker(i, slots));
        }
        awaitWorkers(workerCount, Duration.ofSeconds(60));
    }

    /** Starts worker {@code i}; started again, it keeps its port and data directory, so it rejoins as itself. */
    Process startWorker(int i, int slots) throws IOException {
        Integer port = ports.get(i);
        if (port == null) {
            port = freePort();
            ports.put(i, port);
        }
        return Quern.start(dir.resolve("worker-" + i + ".out"), with(workerArgs.apply(i), "worker", "--zk", zk,
                "--port", "" + port, "--data-dir", dir.resolve("worker-" + i).toString(), "--slots", "" + slots));
    }

    /** The port worker {@code i} listens on. */
    int workerPort(int i) {
        return ports.get(i);
    }

    private static String[] with(List<String> extra, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(extra);
        return all.toArray(String[]::new);
    }

    /** The id worker {@code i} registered with, as {@code quern workers} lists it (found by its port). */
    String workerId(int i) throws IOException, InterruptedException {
        String suffix = ":" + ports.get(i);
        for (String line : Quern.run(Duration.ofSeconds(30), with(clientArgs, "workers", "--zk", zk)).stdoutLines()) {
            String[] f = line.split("\\s+");
            if (f.length >= 2 && f[1].endsWith(suffix)) {
                return f[0];
            }
        }
        throw new AssertionError("worker " + i + " (port " + ports.get(i) + ") is not registered");
    }

    /** Runs {@code quern submit --zk <this cluster> JOB OPTIONS...} and waits for it, up to {@code timeout}. */
    Quern.Result submit(Duration timeout, String... jobOptions) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("submit", "--zk", zk));
        args.addAll(List.of(jobOptions));
        return Quern.run(timeout, with(clientArgs, args.toArray(String[]::new)));
    }

    /** Waits until {@code quern workers} lists exactly {@code n} workers. */
    void awaitWorkers(int n, Duration timeout) throws Exception {
        await(timeout, () -> {
            try {
                Quern.Result r = Quern.run(Duration.ofSeconds(30), with(clientArgs, "workers", "--zk", zk));
                return r.exit() == 0 && r.stdoutLines().size() == n;
            } catch (IOException | InterruptedException e) {
                return false;
            }
        }, "cluster with " + n + " workers");
    }

    static void await(Duration timeout, BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    /** The job id a waiting {@code submit} printed ("job ID submitted") into its log. */
    static String awaitJobId(Path log) throws InterruptedException {
        String[] id = new String[1];
        await(Duration.ofSeconds(60), () -> {
            try {
                if (!java.nio.file.Files.exists(log)) {
                    return false;
                }
                for (String l : java.nio.file.Files.readAllLines(log)) {
                    if (l.matches("job job-\\d+ submitted")) {
                        id[0] = l.split(" ")[1];
                        return true;
                    }
                }
                return false;
            } catch (IOException e) {
                return false;
            }
        }, "the job id in " + log);
        return id[0];
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        for (Process w : workers) {
            Quern.destroyTree(w);
        }
        Quern.destroyTree(coordinator);
        Quern.destroyTree(zookeeper);
    }
}
