package io.quern.deploy;

import io.quern.common.cluster.Addresses;
import io.quern.common.lifecycle.Lifecycle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.zookeeper.server.quorum.QuorumPeerConfig;
import org.apache.zookeeper.server.quorum.QuorumPeerMain;

/**
 * One member of a ZooKeeper ensemble in this JVM, from the {@code zookeeper} artifact's
 * {@link QuorumPeerMain}. Its quorum and election ports listen on its own host from the ensemble
 * list (on every interface when the client bind address is a wildcard); its client port listens on
 * the client bind address. The data directory holds {@code myid}, so a member restarted with the same
 * directory is the same member. Started from one thread; {@link #close} (idempotent) may come from
 * a shutdown hook, and {@link #stopped} may be waited on from any thread.
 */
final class QuorumZooKeeper implements AutoCloseable {
    private static final int TICK_MILLIS = 2000;
    private static final int INIT_LIMIT_TICKS = 10;
    private static final int SYNC_LIMIT_TICKS = 5;
    private static final int MAX_CLIENT_CONNECTIONS = 1000;

    private final Lifecycle lifecycle = new Lifecycle("zookeeper member");
    private final Ensemble ensemble;
    private final Ensemble.Member self;
    private final String clientBind;
    private final int clientPort;
    private final Path dataDir;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final QuorumPeerMain peer = new QuorumPeerMain();

    /**
     * @param clientBind address the client port listens on
     * @throws IllegalArgumentException when the id is not a member, or this host cannot listen on the
     *     member's address
     */
    QuorumZooKeeper(Ensemble ensemble, int id, String clientBind, int clientPort, Path dataDir) {
        ensemble.checkReachable();
        this.ensemble = ensemble;
        this.self = ensemble.member(id);
        this.clientBind = clientBind;
        this.clientPort = clientPort;
        this.dataDir = dataDir;
        if (!listensOnAll() && !Addresses.isLocal(self.address())) {
            throw new IllegalArgumentException("--ensemble: member " + id + "'s host " + self.host()
                    + " is not an address of this host (give this host's own --id, or --bind 0.0.0.0 to listen on"
                    + " every interface)");
        }
    }

    /** Writes the configuration and starts the member on a thread of its own; it joins the quorum from there. */
    void start() throws IOException {
        lifecycle.start();
        System.setProperty("zookeeper.admin.enableServer", "false");
        Path snap = Files.createDirectories(dataDir.resolve("snapshots"));
        Path log = Files.createDirectories(dataDir.resolve("txnlog"));
        writeMyId(snap.resolve("myid"));
        QuorumPeerConfig config = new QuorumPeerConfig();
        try {
            config.parseProperties(properties(snap, log));
        } catch (QuorumPeerConfig.ConfigException e) {
            throw new IllegalArgumentException("--ensemble: " + e.getMessage());
        }
        Thread t = new Thread(() -> {
            try {
                peer.runFromConfig(config);
                stopped.complete(null);
            } catch (Exception | Error e) {
                stopped.completeExceptionally(e);
            }
        }, "zookeeper-member-" + self.id());
        t.start();
    }

    /** Completes when the member stops: normally after {@link #close}, exceptionally if it failed. */
    CompletableFuture<Void> stopped() {
        return stopped;
    }

    /** What the member serves, for its start-up line. */
    String describe() {
        return "zookeeper member " + self.id() + " of " + ensemble.members().size()
                + " joining the ensemble: clients at " + clientBind + ":" + clientPort + ", quorum "
                + self.serverLine() + ", data in " + dataDir;
    }

    @Override
    public void close() {
        if (lifecycle.close()) {
            peer.close();
        }
    }

    private boolean listensOnAll() {
        return Addresses.isWildcard(clientBind);
    }

    private Properties properties(Path snap, Path log) {
        Properties p = new Properties();
        p.setProperty("tickTime", Integer.toString(TICK_MILLIS));
        p.setProperty("initLimit", Integer.toString(INIT_LIMIT_TICKS));
        p.setProperty("syncLimit", Integer.toString(SYNC_LIMIT_TICKS));
        p.setProperty("dataDir", snap.toString());
        p.setProperty("dataLogDir", log.toString());
        p.setProperty("clientPort", Integer.toString(clientPort));
        p.setProperty("clientPortAddress", clientBind);
        p.setProperty("maxClientCnxns", Integer.toString(MAX_CLIENT_CONNECTIONS));
        p.setProperty("quorumListenOnAllIPs", Boolean.toString(listensOnAll()));
        for (Ensemble.Member m : ensemble.members()) {
            p.setProperty("server." + m.id(), m.serverLine());
        }
        return p;
    }

    /** A data directory belongs to one member for good: another id would corrupt the ensemble's history. */
    private void writeMyId(Path file) throws IOException {
        String id = Integer.toString(self.id());
        if (Files.isRegularFile(file)) {
            String held = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (!held.equals(id)) {
                throw new IllegalArgumentException("--data-dir " + dataDir + " belongs to member " + held
                        + ", not to member " + id);
            }
            return;
        }
        Files.writeString(file, id + "\n", StandardCharsets.UTF_8);
    }
}
