package io.quern.worker.cluster;

import io.quern.common.cluster.ZkPaths;
import io.quern.common.job.WorkerAddress;
import io.quern.common.lifecycle.Lifecycle;
import io.quern.common.rpc.Protos;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.zookeeper.CreateMode;

/**
 * The worker's ephemeral membership node. Curator re-creates it after a reconnect, so a worker that
 * survives a session loss rejoins by itself; closing it deregisters at once.
 */
public final class Registration implements AutoCloseable {
    private final Lifecycle lifecycle = new Lifecycle("registration");
    private final PersistentNode node;
    private final CuratorFramework zk;
    private final String path;

    public Registration(CuratorFramework zk, WorkerAddress self) {
        this.zk = zk;
        this.path = ZkPaths.worker(self.workerId());
        this.node = new PersistentNode(zk, CreateMode.EPHEMERAL, false, ZkPaths.worker(self.workerId()),
                Protos.toProto(self).toByteArray());
    }

    /**
     * Registers. A node of this worker's id left by a previous incarnation (whose session has not
     * expired yet) is deleted first: the caller holds the data directory's lock, so that incarnation
     * is dead, and its late expiry must not later look like the loss of this one.
     */
    public void start(Duration timeout) throws IOException, InterruptedException {
        lifecycle.start();
        try {
            zk.delete().quietly().forPath(path);
        } catch (Exception e) {
            throw new IOException("cannot clear the previous registration at " + path + ": " + e.getMessage(), e);
        }
        node.start();
        if (!node.waitForInitialCreate(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IOException("could not register in ZooKeeper within " + timeout.toSeconds() + " s");
        }
    }

    @Override
    public void close() throws IOException {
        if (lifecycle.close()) {
            node.close();
        }
    }
}
