package io.quern.deploy;

import io.quern.client.cli.ExitCodes;
import io.quern.client.cli.Sizes;
import io.quern.client.cli.TlsOptions;
import io.quern.common.tls.Role;
import io.quern.client.cli.ZkOption;
import io.quern.worker.Worker;
import io.quern.worker.WorkerConfig;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Run a worker: it runs tasks in its slots and serves its map output to reducers.")
final class WorkerCommand implements Callable<Integer> {
    @Mixin
    ZkOption cluster;

    @Mixin
    ServerOptions server;

    @Mixin
    TlsOptions tls;

    @Option(names = "--slots", paramLabel = "N", description = "tasks run at once (default: cores)")
    Integer slots;

    @Option(names = "--task-memory", paramLabel = "SIZE", converter = Sizes.ByteSize.class,
            description = "memory for the buffers of each running task (a map's sort buffer, a reduce's in-memory "
                    + "shuffle), suffixes k, m, g; jobs may ask for less, never more; times --slots it must fit in "
                    + "half the heap (default: a quarter of the heap over the slots, at most 64m)")
    Long taskMemory;

    @Option(names = "--disk-quota", paramLabel = "SIZE", converter = Sizes.ByteSize.class,
            description = "most bytes of intermediate data (map output, spills, merges, fetched segments) under "
                    + "--data-dir, suffixes k, m, g; a task that would write more fails (default: no limit)")
    Long diskQuota;

    @Option(names = "--parent-pid", hidden = true, description = "exit when this process exits (quern local)")
    Long parentPid;

    @Override
    public Integer call() throws Exception {
        int n = slots == null ? Runtime.getRuntime().availableProcessors() : slots;
        WorkerConfig config = WorkerConfig.of(cluster.zk, server.bind, server.port, server.advertisedHost(cluster.zk),
                server.dataDir, n).withZkAuth(cluster.auth()).withTls(tls.load(Role.WORKER))
                .withDiskQuota(diskQuota == null ? OptionalLong.empty() : OptionalLong.of(diskQuota));
        if (taskMemory != null) {
            config = config.withTaskMemory(taskMemory, Runtime.getRuntime().maxMemory()); // refused: exit 2
        }
        Path log = Logging.toFile(server.dataDir, "worker");
        Worker worker = new Worker(config);
        Runtime.getRuntime().addShutdownHook(new Thread(worker::close, "shutdown"));
        if (parentPid != null) {
            ProcessHandle parent = ProcessHandle.of(parentPid).orElse(null);
            if (parent == null) {
                return ExitCodes.OK;
            }
            parent.onExit().thenRun(() -> System.exit(0)); // never outlive the local cluster that started us
        }
        try {
            worker.start();
        } catch (io.quern.worker.storage.LocalStore.DataDirInUseException e) {
            throw new IllegalArgumentException(e.getMessage()); // bad input: exit 2
        }
        System.err.println("worker " + worker.id() + " serving at " + config.advertiseHost() + ":" + worker.port()
                + " with " + n + " slots, log " + log);
        worker.awaitTermination();
        return ExitCodes.OK;
    }
}
