package io.quern.deploy;

import io.quern.client.cli.ExitCodes;
import io.quern.client.cli.ZkOption;
import io.quern.coordinator.Coordinator;
import io.quern.coordinator.CoordinatorConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "coordinator", mixinStandardHelpOptions = true,
        description = "Run a coordinator: it schedules jobs onto the workers registered in ZooKeeper.")
final class CoordinatorCommand implements Callable<Integer> {
    @Mixin
    ZkOption cluster;

    @Option(names = "--port", required = true, paramLabel = "P", description = "gRPC port (0: any free port)")
    int port;

    @Option(names = "--data-dir", required = true, paramLabel = "D", description = "jars and logs")
    Path dataDir;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "address to listen on (default: ${DEFAULT-VALUE})")
    String bind;

    @Option(names = "--advertise", paramLabel = "HOST",
            description = "host name or address others use to reach this node (default: the bind address)")
    String advertise;

    @Override
    public Integer call() throws Exception {
        CoordinatorConfig config = CoordinatorConfig.of(cluster.zk, bind, port, Nodes.advertised(bind, advertise),
                dataDir);
        Path log = Logging.toFile(dataDir, "coordinator");
        Coordinator coordinator = new Coordinator(config);
        Runtime.getRuntime().addShutdownHook(new Thread(coordinator::close, "shutdown"));
        coordinator.start();
        System.err.println("coordinator serving at " + config.advertiseHost() + ":" + coordinator.port()
                + ", log " + log);
        coordinator.awaitTermination();
        return ExitCodes.OK;
    }
}
