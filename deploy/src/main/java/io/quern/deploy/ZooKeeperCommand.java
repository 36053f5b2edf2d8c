package io.quern.deploy;

import io.quern.client.cli.ExitCodes;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "zookeeper", mixinStandardHelpOptions = true,
        description = "Run a standalone ZooKeeper server (for development and tests).")
final class ZooKeeperCommand implements Callable<Integer> {
    @Option(names = "--port", required = true, paramLabel = "P", description = "client port (0: any free port)")
    int port;

    @Option(names = "--data-dir", required = true, paramLabel = "D",
            description = "its snapshots, transaction log and logs")
    Path dataDir;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "address to listen on (default: ${DEFAULT-VALUE})")
    String bind;

    @Override
    public Integer call() throws Exception {
        Logging.toFile(dataDir, "zookeeper");
        EmbeddedZooKeeper zk = new EmbeddedZooKeeper(bind, port, dataDir);
        zk.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            zk.close();
            stopped.countDown();
        }, "shutdown"));
        System.err.println("zookeeper serving at " + zk.connectString() + ", data in " + dataDir);
        stopped.await();
        return ExitCodes.OK;
    }
}
