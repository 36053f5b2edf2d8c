package io.quern.coordinator.membership;

import io.quern.common.cluster.ZkPaths;
import io.quern.common.job.WorkerAddress;
import io.quern.common.lifecycle.Lifecycle;
import io.quern.common.rpc.Protos;
import io.quern.proto.WorkerInfo;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.zookeeper.CreateMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the workers' ephemeral nodes and reports joins and losses. A worker's node vanishes when
 * its ZooKeeper session ends (process death, machine loss, partition), which is how the coordinator
 * learns of it. Listeners are called on Curator's event thread.
 */
public final class WorkerMembership implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WorkerMembership.class);
    private final Lifecycle lifecycle = new Lifecycle("worker membership");
    private final CuratorCache cache;

    public WorkerMembership(CuratorFramework zk, Consumer<WorkerAddress> joined, Consumer<String> lost) {
        this.cache = CuratorCache.build(zk, ZkPaths.WORKERS);
        cache.listenable().addListener(CuratorCacheListener.builder()
                .forCreatesAndChanges((before, after) -> parse(after, joined))
                .forDeletes(gone -> {
                    if (isWorkerNode(gone)) {
                        lost.accept(gone.getPath().substring(ZkPaths.WORKERS.length() + 1));
                    }
                })
                .build());
        try {
            zk.create().orSetData().creatingParentsIfNeeded().withMode(CreateMode.PERSISTENT)
                    .forPath(ZkPaths.WORKERS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create " + ZkPaths.WORKERS, e);
        }
    }

    public void start() {
        lifecycle.start();
        cache.start();
    }

    @Override
    public void close() {
        if (lifecycle.close()) {
            cache.close();
        }
    }

    private static boolean isWorkerNode(ChildData d) {
        return d.getPath().startsWith(ZkPaths.WORKERS + "/");
    }

    private static void parse(ChildData d, Consumer<WorkerAddress> joined) {
        if (!isWorkerNode(d) || d.getData() == null || d.getData().length == 0) {
            return;
        }
        try {
            joined.accept(Protos.fromProto(WorkerInfo.parseFrom(d.getData())));
        } catch (Exception e) {
            log.warn("ignoring malformed worker node {}: {}", d.getPath(), e.toString());
        }
    }
}
