package io.quern.coordinator.ha;

import io.quern.common.cluster.ZkPaths;
import io.quern.common.lifecycle.Lifecycle;
import io.quern.proto.CoordinatorInfo;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.zookeeper.CreateMode;

/**
 * Leader election among coordinators, and the published address of the leader that workers and
 * clients look up. Only the leader schedules; a second coordinator waits as a standby. The address
 * node is ephemeral and re-created by Curator after a reconnect.
 */
public final class Leadership implements AutoCloseable {
    private final Lifecycle lifecycle = new Lifecycle("leadership");
    private final CuratorFramework zk;
    private final LeaderLatch latch;
    private final CoordinatorInfo self;
    private PersistentNode address;

    public Leadership(CuratorFramework zk, String id, CoordinatorInfo self) {
        this.zk = zk;
        this.self = self;
        this.latch = new LeaderLatch(zk, ZkPaths.COORDINATOR_LATCH, id);
    }

    /** Joins the election and waits until this coordinator leads; false if the wait timed out. */
    public boolean startAndAwait(Duration timeout) throws Exception {
        lifecycle.start();
        latch.start();
        if (!latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return false;
        }
        address = new PersistentNode(zk, CreateMode.EPHEMERAL, false, ZkPaths.COORDINATOR_LEADER, self.toByteArray());
        address.start();
        address.waitForInitialCreate(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return true;
    }

    public boolean isLeader() {
        return latch.hasLeadership();
    }

    @Override
    public void close() throws Exception {
        if (lifecycle.close()) {
            if (address != null) {
                address.close();
            }
            latch.close();
        }
    }
}
