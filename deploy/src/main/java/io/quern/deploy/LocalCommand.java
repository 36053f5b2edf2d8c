package io.quern.deploy;

import io.quern.client.JobRequest;
import io.quern.client.QuernClient;
import io.quern.client.cli.JobOptions;
import io.quern.client.cli.JobSession;
import io.quern.client.settings.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "local", mixinStandardHelpOptions = true,
        description = "Start ZooKeeper, a coordinator and N worker processes on loopback, run one job, "
                + "print its summary and stop everything.")
final class LocalCommand implements Callable<Integer> {
    /** Worker JVM options; bounded memory is a requirement, so the default heap is small. */
    static final String WORKER_OPTS_ENV = "QUERN_WORKER_OPTS";
    static final String DEFAULT_WORKER_OPTS = "-Xmx512m -XX:+UseParallelGC";

    @Option(names = "--workers", defaultValue = "2", paramLabel = "N",
            description = "worker processes (default: ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--slots", paramLabel = "N", description = "slots per worker (default: cores / workers, at least 1)")
    Integer slots;

    @Option(names = "--data-dir", paramLabel = "D",
            description = "where the cluster keeps logs and intermediate data (default: a new temporary directory)")
    Path dataDir;

    @Mixin
    JobOptions job;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        JobRequest request = job.toRequest(); // bad options fail before anything starts
        if (workers < 1) {
            throw new IllegalArgumentException("--workers must be at least 1, not " + workers);
        }
        int perWorker = slots != null ? slots : Math.max(1, Runtime.getRuntime().availableProcessors() / workers);
        if (perWorker < 1) {
            throw new IllegalArgumentException("--slots must be at least 1, not " + perWorker);
        }
        Path base = dataDir != null ? Files.createDirectories(dataDir) : Files.createTempDirectory("quern-local-");
        Logging.toFile(base.resolve("coordinator"), "coordinator");
        String opts = System.getenv().getOrDefault(WORKER_OPTS_ENV, DEFAULT_WORKER_OPTS);
        List<String> jvm = Arrays.stream(opts.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
        System.err.println("starting a local cluster: ZooKeeper, a coordinator and " + workers + " workers with "
                + perWorker + (perWorker == 1 ? " slot" : " slots") + " each; logs in " + base);
        WorkerClassArchive archive = WorkerClassArchive.locate(System.getenv(), jvm).orElse(null);
        // The workers read the config file this command read, as 'quern worker' run here would.
        List<String> workerArgs = Settings.of(spec.commandLine()).flatMap(Settings::file)
                .map(f -> List.of(Settings.CONFIG_OPTION, f.toAbsolutePath().toString())).orElse(List.of());
        try (LocalCluster cluster = LocalCluster.start(base, workers, perWorker, jvm, archive, workerArgs);
             QuernClient client = QuernClient.connect(cluster.zkConnect())) {
            return new JobSession(System.out, System.err, System.console() != null).run(client, request, false);
        } finally {
            System.err.println("local cluster stopped; logs in " + base);
        }
    }
}
