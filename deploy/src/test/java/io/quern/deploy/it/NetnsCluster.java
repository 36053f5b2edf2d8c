package io.quern.deploy.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cluster across network namespaces, driven through the scripts in {@code deploy/netns}: every
 * server in a namespace of its own with its own address on one bridge, and quern commands run from
 * a client namespace. {@link #close} (also run by a JVM shutdown hook) takes every process,
 * namespace and link of it down, however much of it is left. Needs root.
 */
final class NetnsCluster implements AutoCloseable {
    static final Path SCRIPTS = Quern.ROOT.resolve("deploy/netns");
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(2);
    private static final AtomicInteger CLUSTERS = new AtomicInteger();
    private static final Pattern SERVING =
            Pattern.compile("^worker (w-[0-9a-f]+) serving at (\\S+) ", Pattern.MULTILINE);
    private static final Pattern SUCCEEDED = Pattern.compile("attempt (job-\\d+)_([mr])-\\d+_\\d+ succeeded");

    final Path run;
    final String prefix;
    final String zk;
    final Path shared;
    private final Thread hook;

    /** Starts the cluster and returns once every server serves (cluster-up.sh waits for that). */
    NetnsCluster(Path run, int zookeepers, int workers, int slots) throws Exception {
        this.run = run;
        // unique per JVM and cluster, at most 8 characters: two runs of the tests do not collide
        this.prefix = "q" + Long.toString(ProcessHandle.current().pid(), 36)
                + (char) ('a' + CLUSTERS.getAndIncrement());
        this.hook = new Thread(this::down, "netns-cluster-down");
        Runtime.getRuntime().addShutdownHook(hook);
        down(); // whatever a crashed run with this prefix left
        try {
            script(SCRIPT_TIMEOUT, "cluster-up.sh", "--run-dir", run.toString(), "--prefix", prefix, "--zookeepers",
                    "" + zookeepers, "--workers", "" + workers, "--slots", "" + slots);
        } catch (Exception | Error e) {
            close(); // the caller gets no cluster to close
            throw e;
        }
        Map<String, String> env = env(run.resolve("cluster.env"));
        this.zk = env.get("ZK_CONNECT");
        this.shared = Path.of(env.get("SHARED"));
    }

    /** Skips the test, saying why, unless this process may create network namespaces. */
    static void assumeAvailable() throws InterruptedException {
        boolean ok;
        try {
            Process p = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
            ok = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            ok = false;
        }
        assumeTrue(ok && "root".equals(System.getProperty("user.name")),
                "network namespaces need root and iproute2 ('ip netns'); CI runs as root");
    }

    String namespace(String node) {
        return prefix + "-" + node;
    }

    /** Runs {@code quern ARGS} in the client namespace to completion. */
    Quern.Result quern(Duration timeout, String... args) throws IOException, InterruptedException {
        return Quern.runIn(namespace("client"), timeout, args);
    }

    /** Starts {@code quern ARGS} in the client namespace; its output goes to {@code log}. */
    Process startQuern(Path log, String... args) throws IOException {
        return Quern.startIn(namespace("client"), log, args);
    }

    /** {@code quern workers}: each live worker's id and its advertised {@code host:port}. */
    Map<String, String> workers() throws IOException, InterruptedException {
        Quern.Result r = quern(Duration.ofSeconds(30), "workers", "--zk", zk);
        if (r.exit() != 0) {
            throw new AssertionError("quern workers failed: " + r);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : r.stdoutLines()) {
            String[] f = line.split("\\s+");
            out.put(f[0], f[1]);
        }
        return out;
    }

    /** The worker id and advertised address a worker node printed when it started. */
    String[] serving(String node) throws IOException {
        Matcher m = SERVING.matcher(Files.readString(run.resolve(node + ".out")));
        if (!m.find()) {
            throw new AssertionError(node + " printed no 'serving at' line");
        }
        return new String[] {m.group(1), m.group(2)};
    }

    /** The worker nodes whose logs hold a succeeded attempt of the job, of maps ('m') or reduces ('r'). */
    Set<String> ranAttempts(String jobId, char kind, List<String> workerNodes) throws IOException {
        Set<String> nodes = new HashSet<>();
        for (String node : workerNodes) {
            if (attemptsSucceeded(jobId, kind, node) > 0) {
                nodes.add(node);
            }
        }
        return nodes;
    }

    /** How many attempts of the job, of maps ('m') or reduces ('r'), a worker node's log says succeeded. */
    int attemptsSucceeded(String jobId, char kind, String workerNode) throws IOException {
        Path log = run.resolve(workerNode).resolve("logs/worker.log");
        Matcher m = SUCCEEDED.matcher(Files.exists(log) ? Files.readString(log) : "");
        int n = 0;
        while (m.find()) {
            if (m.group(1).equals(jobId) && m.group(2).charAt(0) == kind) {
                n++;
            }
        }
        return n;
    }

    /** The PID cluster-up.sh recorded for a node. */
    long pid(String node) throws IOException {
        return Long.parseLong(Files.readString(run.resolve("pids").resolve(node + ".pid")).trim());
    }

    void partition(String node) throws Exception {
        script(Duration.ofSeconds(30), "partition.sh", "--run-dir", run.toString(), node);
    }

    void heal(String node) throws Exception {
        script(Duration.ofSeconds(30), "heal.sh", "--run-dir", run.toString(), node);
    }

    /** Each ZooKeeper node's role (leader, follower, standalone, or down), from zk-mode.sh. */
    Map<String, String> zkModes() throws Exception {
        Map<String, String> modes = new LinkedHashMap<>();
        for (String line : script(Duration.ofSeconds(30), "zk-mode.sh", "--run-dir", run.toString()).lines().toList()) {
            String[] f = line.split(" ");
            modes.put(f[0], f[1]);
        }
        return modes;
    }

    @Override
    public void close() {
        down();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs (down again, which is harmless)
        }
    }

    private void down() {
        try {
            script(SCRIPT_TIMEOUT, "cluster-down.sh", "--run-dir", run.toString(), "--prefix", prefix, "--grace", "5");
        } catch (Exception e) {
            throw new IllegalStateException("cluster-down.sh failed for " + prefix + ": " + e.getMessage(), e);
        }
    }

    /** Runs a script of deploy/netns to completion; its stdout, or an error with its whole output. */
    private static String script(Duration timeout, String name, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(SCRIPTS.resolve(name).toString());
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("netns-out", ".txt");
        Path err = Files.createTempFile("netns-err", ".txt");
        try {
            ProcessBuilder b = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            b.environment().put("JAVA_OPTS", "-Xmx256m -XX:TieredStopAtLevel=1");
            Process p = b.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                Quern.destroyTree(p);
                throw new AssertionError(name + " did not finish within " + timeout + "\n" + Files.readString(err));
            }
            if (p.exitValue() != 0) {
                throw new AssertionError(name + " " + String.join(" ", args) + " exited " + p.exitValue() + "\n"
                        + Files.readString(err) + Files.readString(out));
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static Map<String, String> env(Path file) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return env;
    }
}
