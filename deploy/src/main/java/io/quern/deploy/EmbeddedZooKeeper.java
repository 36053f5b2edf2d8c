package io.quern.deploy;

import io.quern.common.lifecycle.Lifecycle;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;

/** A real standalone ZooKeeper server in this JVM, from the {@code zookeeper} artifact. */
public final class EmbeddedZooKeeper implements AutoCloseable {
    private static final int TICK_MILLIS = 2000;
    private static final int MAX_CLIENT_CONNECTIONS = 1000;

    private final Lifecycle lifecycle = new Lifecycle("zookeeper");
    private final String bind;
    private final int port;
    private final Path dataDir;
    private ZooKeeperServer server;
    private ServerCnxnFactory factory;

    /** @param port 0 picks a free port */
    public EmbeddedZooKeeper(String bind, int port, Path dataDir) {
        this.bind = bind;
        this.port = port;
        this.dataDir = dataDir;
    }

    public void start() throws IOException, InterruptedException {
        lifecycle.start();
        System.setProperty("zookeeper.admin.enableServer", "false");
        Path snap = Files.createDirectories(dataDir.resolve("snapshots"));
        Path log = Files.createDirectories(dataDir.resolve("txnlog"));
        server = new ZooKeeperServer(snap.toFile(), log.toFile(), TICK_MILLIS);
        factory = ServerCnxnFactory.createFactory(new InetSocketAddress(bind, port), MAX_CLIENT_CONNECTIONS);
        factory.startup(server);
    }

    public int port() {
        return factory.getLocalPort();
    }

    /** The connect string clients use. */
    public String connectString() {
        String host = bind.equals("0.0.0.0") ? "127.0.0.1" : bind;
        return host + ":" + port();
    }

    @Override
    public void close() {
        if (lifecycle.close()) {
            if (factory != null) {
                factory.shutdown();
            }
            if (server != null) {
                server.shutdown();
            }
        }
    }
}
