package io.quern.deploy;

import io.quern.client.cli.ExitCodes;
import io.quern.client.cli.TlsOptions;
import io.quern.client.cli.ZkOption;
import io.quern.coordinator.Coordinator;
import io.quern.common.tls.Role;
import io.quern.coordinator.CoordinatorConfig;
import io.quern.coordinator.jobs.PathRoots;
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

    @Mixin
    ServerOptions server;

    @Option(names = "--allowed-roots", paramLabel = "DIR[,DIR...]",
            description = "existing directories that every job's --input and --output must lie in, links and '..'"
                    + " resolved (default: anywhere)")
    String allowedRoots;
    @Mixin
    TlsOptions tls;

    @Override
    public Integer call() throws Exception {
        CoordinatorConfig config = CoordinatorConfig.of(cluster.zk, server.bind, server.port,
                server.advertisedHost(cluster.zk), server.dataDir).withAllowedRoots(PathRoots.parse(allowedRoots))
                .withZkAuth(cluster.auth()).withTls(tls.load(Role.COORDINATOR));
        Path log = Logging.toFile(server.dataDir, "coordinator");
        Coordinator coordinator = new Coordinator(config);
        Runtime.getRuntime().addShutdownHook(new Thread(coordinator::close, "shutdown"));
        coordinator.start();
        System.err.println("coordinator serving at " + config.advertiseHost() + ":" + coordinator.port()
                + ", log " + log);
        coordinator.awaitTermination();
        return ExitCodes.OK;
    }
}
