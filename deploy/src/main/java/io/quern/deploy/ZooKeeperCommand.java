package io.quern.deploy;

import io.quern.client.cli.ExitCodes;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "zookeeper", mixinStandardHelpOptions = true,
        description = {"Run a ZooKeeper server: a standalone one (for development and tests), or with"
                + " --ensemble and --id one member of an ensemble.",
                "Example, on the first of three hosts: --ensemble zk1:2888:3888,zk2:2888:3888,zk3:2888:3888 --id 1"
                        + " --port 2181 --data-dir /var/quern/zk; clients then use --zk zk1:2181,zk2:2181,zk3:2181."})
final class ZooKeeperCommand implements Callable<Integer> {
    @Option(names = "--port", required = true, paramLabel = "P", description = "client port (0: any free port)")
    int port;

    @Option(names = "--data-dir", required = true, paramLabel = "D",
            description = "snapshots, transaction log, logs (and a member's myid)")
    Path dataDir;

    @Option(names = "--bind", paramLabel = "ADDR",
            description = "address the client port listens on (default: 127.0.0.1; with --ensemble, this member's"
                    + " host in it); 0.0.0.0 listens on every interface, quorum and election ports too")
    String bind;

    @Option(names = "--ensemble", paramLabel = "MEMBERS",
            description = "the ensemble's members, the same list on each: [ID=]HOST:QUORUM_PORT:ELECTION_PORT,..."
                    + " (ids 1, 2, 3... in list order unless given)")
    String ensemble;

    @Option(names = "--id", paramLabel = "N", description = "this member's id in --ensemble (its myid)")
    Integer id;

    @Override
    public Integer call() throws Exception {
        if (ensemble == null && id != null) {
            throw new IllegalArgumentException("--id needs --ensemble");
        }
        if (ensemble == null) {
            return serveStandalone();
        }
        if (id == null) {
            throw new IllegalArgumentException("--ensemble needs --id (this member's id in the list)");
        }
        Ensemble members = Ensemble.parse(ensemble);
        String clientBind = bind != null ? bind : members.member(id).address();
        QuorumZooKeeper member = new QuorumZooKeeper(members, id, clientBind, port, dataDir);
        Logging.toFile(dataDir, "zookeeper");
        member.start();
        Runtime.getRuntime().addShutdownHook(new Thread(member::close, "shutdown"));
        System.err.println(member.describe());
        return awaitStop(member.stopped());
    }

    private int serveStandalone() throws Exception {
        Logging.toFile(dataDir, "zookeeper");
        EmbeddedZooKeeper zk = new EmbeddedZooKeeper(bind != null ? bind : "127.0.0.1", port, dataDir);
        zk.start();
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            zk.close();
            stopped.complete(null);
        }, "shutdown"));
        System.err.println("zookeeper serving at " + zk.connectString() + ", data in " + dataDir);
        return awaitStop(stopped);
    }

    /** Serves until the JVM is told to stop; a server that fails on its own is exit 1, with one line. */
    private static int awaitStop(CompletableFuture<Void> stopped) throws InterruptedException {
        try {
            stopped.get();
            return ExitCodes.OK;
        } catch (ExecutionException e) {
            org.slf4j.LoggerFactory.getLogger(ZooKeeperCommand.class).error("zookeeper stopped", e.getCause());
            System.err.println("quern zookeeper: stopped: " + e.getCause());
            return ExitCodes.JOB_FAILED;
        }
    }
}
