package io.quern.deploy;

import io.quern.common.cluster.ClusterUnreachableException;
import io.quern.common.cluster.ZkConnections;
import io.quern.common.cluster.ZkPaths;
import io.quern.coordinator.Coordinator;
import io.quern.coordinator.CoordinatorConfig;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;

/**
 * A whole cluster on loopback: a real ZooKeeper server and the coordinator in this JVM, and N worker
 * processes (separate JVMs running {@code quern worker}). Used by {@code quern local} and by tests.
 * {@link #close} stops every process it started, and the workers also exit if this JVM dies.
 */
public final class LocalCluster implements AutoCloseable {
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final Path base;
    private final EmbeddedZooKeeper zookeeper;
    private final Coordinator coordinator;
    private final List<Process> workers = new ArrayList<>();
    private final WorkerClassArchive classArchive; // nullable
    private final List<String> workerArgs;

    private LocalCluster(Path base, EmbeddedZooKeeper zookeeper, Coordinator coordinator,
                         WorkerClassArchive classArchive, List<String> workerArgs) {
        this.base = base;
        this.zookeeper = zookeeper;
        this.coordinator = coordinator;
        this.classArchive = classArchive;
        this.workerArgs = List.copyOf(workerArgs);
    }

    /**
     * Starts the cluster and returns once every worker has registered.
     *
     * @param workerJvmOptions extra JVM options of each worker (e.g. {@code -Xmx512m})
     */
    public static LocalCluster start(Path base, int workers, int slots, List<String> workerJvmOptions)
            throws Exception {
        return start(base, workers, slots, workerJvmOptions, null, List.of());
    }

    /**
     * As {@link #start(Path, int, int, List)}, the workers sharing {@code classArchive} (nullable) and
     * given {@code workerArgs} after their own (e.g. {@code --config FILE}).
     */
    static LocalCluster start(Path base, int workers, int slots, List<String> workerJvmOptions,
                              WorkerClassArchive classArchive, List<String> workerArgs) throws Exception {
        if (workers < 1) {
            throw new IllegalArgumentException("--workers must be at least 1, not " + workers);
        }
        EmbeddedZooKeeper zk = new EmbeddedZooKeeper("127.0.0.1", 0, base.resolve("zookeeper"));
        zk.start();
        Coordinator coordinator = new Coordinator(
                CoordinatorConfig.of(zk.connectString(), "127.0.0.1", 0, "127.0.0.1", base.resolve("coordinator")));
        LocalCluster cluster = new LocalCluster(base, zk, coordinator, classArchive, workerArgs);
        try {
            // Worker JVMs take longest to start: launch them first and start the coordinator meanwhile.
            cluster.startWorkers(workers, slots, workerJvmOptions, coordinator::start);
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    public String zkConnect() {
        return zookeeper.connectString();
    }

    public Path base() {
        return base;
    }

    /** The worker processes, in start order (tests kill them to inject faults). */
    public List<Process> workerProcesses() {
        return List.copyOf(workers);
    }

    /** A start-up step that may fail. */
    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    /** Launches the workers, runs {@code meanwhile} while they boot, and waits until all have registered. */
    private void startWorkers(int n, int slots, List<String> jvmOptions, Step meanwhile) throws Exception {
        try (CuratorFramework zk = ZkConnections.connect(zkConnect(), ZkConnections.DEFAULT_SESSION_TIMEOUT,
                Duration.ofSeconds(5)); CuratorCache cache = CuratorCache.build(zk, ZkPaths.WORKERS)) {
            CompletableFuture<Void> allJoined = new CompletableFuture<>();
            cache.listenable().addListener(CuratorCacheListener.builder().forInitialized(() -> { }).forCreates(node -> {
                if (cache.stream().filter(d -> d.getPath().startsWith(ZkPaths.WORKERS + "/")).count() >= n) {
                    allJoined.complete(null);
                }
            }).build());
            cache.start();
            for (int i = 0; i < n; i++) {
                Process p = launchWorker(i, slots, jvmOptions);
                workers.add(p);
                int index = i;
                p.onExit().thenRun(() -> allJoined.completeExceptionally(new IOException(
                        "worker " + index + " exited with code " + p.exitValue() + " during start-up; see "
                                + base.resolve("worker-" + index).resolve("logs"))));
            }
            meanwhile.run();
            try {
                allJoined.get(STARTUP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new ClusterUnreachableException("workers did not register within "
                        + STARTUP_TIMEOUT.toSeconds() + " s; see " + base);
            } catch (java.util.concurrent.ExecutionException e) {
                throw (Exception) e.getCause();
            }
        }
    }

    private Process launchWorker(int index, int slots, List<String> jvmOptions) throws IOException {
        Path dir = Files.createDirectories(base.resolve("worker-" + index));
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        if (classArchive != null) {
            cmd.addAll(classArchive.optionsFor(index));
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(QuernMain.class.getName());
        // Loopback and plaintext whatever a config file says: this cluster's coordinator and clients are on
        // this host, and quern local never speaks TLS.
        cmd.addAll(List.of("worker", "--zk", zkConnect(), "--port", "0", "--data-dir", dir.toString(),
                "--bind", "127.0.0.1", "--advertise", "127.0.0.1", "--slots", Integer.toString(slots),
                "--parent-pid", Long.toString(ProcessHandle.current().pid()), "--tls", "off",
                // local's own ZooKeeper is open, whatever identity the config file gives a cluster
                "--zk-auth=", "--zk-auth-file="));
        cmd.addAll(workerArgs);
        File out = Files.createDirectories(dir.resolve("logs")).resolve("stdout.log").toFile();
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(out))
                .redirectInput(ProcessBuilder.Redirect.PIPE).start();
    }

    /**
     * Stops the workers (gracefully, then forcibly) and the coordinator, side by side, then ZooKeeper,
     * which the workers need to deregister.
     */
    @Override
    public void close() {
        for (Process p : workers) {
            p.destroy();
        }
        Thread coordinatorStop = new Thread(coordinator::close, "coordinator-stop");
        coordinatorStop.start();
        for (Process p : workers) {
            try {
                if (!p.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        if (classArchive != null && !workers.isEmpty() && !workers.get(0).isAlive()) {
            classArchive.firstWorkerExited(workers.get(0).exitValue());
        }
        try {
            coordinatorStop.join(STOP_GRACE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        zookeeper.close();
    }
}
