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
    /** Options every command of this cluster takes besides {@code --zk} (its ZooKeeper identity, say). */
    final List<String> clusterArgs;
    private final java.util.Map<Integer, Integer> ports = new java.util.HashMap<>();
    private final IntFunction<List<String>> workerArgs;
    /** Given to every client command this class runs ({@code workers}, {@code submit}). */
    private final List<String> clientArgs;

    ProcessCluster(Path dir, int workerCount, int slots) throws Exception {
        this(dir, workerCount, slots, List.of(), List.of());
    }

    /**
     * @param clusterArgs given to every command after {@code --zk}
     * @param coordinatorArgs given to the coordinator besides
     */
    ProcessCluster(Path dir, int workerCount, int slots, List<String> clusterArgs, List<String> coordinatorArgs)
            throws Exception {
        this(dir, workerCount, slots, clusterArgs, coordinatorArgs, i -> List.of(), List.of());
    }

    /**
     * A cluster whose coordinator, worker {@code i} and client commands get these options too
     * (TLS options, say).
     */
    ProcessCluster(Path dir, int workerCount, int slots, List<String> coordinatorArgs,
                   IntFunction<List<String>> workerArgs, List<String> clientArgs) throws Exception {
        this(dir, workerCount, slots, List.of(), coordinatorArgs, workerArgs, clientArgs);
    }

    private ProcessCluster(Path dir, int workerCount, int slots, List<String> clusterArgs,
                           List<String> coordinatorArgs, IntFunction<List<String>> workerArgs,
                           List<String> clientArgs) throws Exception {
        this.dir = dir;
        this.zkPort = freePort();
        this.zk = "127.0.0.1:" + zkPort;
        this.clusterArgs = List.copyOf(clusterArgs);
        this.workerArgs = workerArgs;
        this.clientArgs = List.copyOf(clientArgs);
        zookeeper = Quern.start(dir.resolve("zk.out"), "zookeeper", "--port", "" + zkPort, "--data-dir",
                dir.resolve("zk").toString());
        coordinatorPort = freePort();
        coordinator = Quern.start(dir.resolve("coordinator.out"), with(with(List.of("coordinator", "--zk", zk,
                "--port", "" + coordinatorPort, "--data-dir", dir.resolve("coordinator").toString()), clusterArgs),
                coordinatorArgs));
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
        return Quern.start(dir.resolve("worker-" + i + ".out"), with(with(List.of("worker", "--zk", zk, "--port",
                "" + port, "--data-dir", dir.resolve("worker-" + i).toString(), "--slots", "" + slots), clusterArgs),
                workerArgs.apply(i)));
    }

    /** The port worker {@code i} listens on. */
    int workerPort(int i) {
        return ports.get(i);
    }

    /** The id worker {@code i} registered with, as {@code quern workers} lists it (found by its port). */
    String workerId(int i) throws IOException, InterruptedException {
        String suffix = ":" + ports.get(i);
        for (String line : Quern.run(Duration.ofSeconds(30), command("workers")).stdoutLines()) {
            String[] f = line.split("\\s+");
            if (f.length >= 2 && f[1].endsWith(suffix)) {
                return f[0];
            }
        }
        throw new AssertionError("worker " + i + " (port " + ports.get(i) + ") is not registered");
    }

    /** Runs {@code quern submit --zk <this cluster> JOB OPTIONS...} and waits for it, up to {@code timeout}. */
    Quern.Result submit(Duration timeout, String... jobOptions) throws IOException, InterruptedException {
        return Quern.run(timeout, command("submit", jobOptions));
    }

    /** {@code NAME --zk <this cluster> <cluster args> <client args> ARGS...}, for {@link Quern#run}. */
    String[] command(String name, String... args) {
        return with(with(with(List.of(name, "--zk", zk), clusterArgs), clientArgs), List.of(args));
    }

    private static String[] with(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all.toArray(String[]::new);
    }

    private static String[] with(String[] a, List<String> b) {
        return with(List.of(a), b);
    }

    /** Waits until {@code quern workers} lists exactly {@code n} workers. */
    void awaitWorkers(int n, Duration timeout) throws Exception {
        await(timeout, () -> {
            try {
                Quern.Result r = Quern.run(Duration.ofSeconds(30), command("workers"));
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
