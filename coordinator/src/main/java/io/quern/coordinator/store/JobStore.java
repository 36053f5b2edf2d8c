package io.quern.coordinator.store;

import io.quern.common.cluster.ZkPaths;
import io.quern.common.job.JobSpec;
import io.quern.common.rpc.Protos;
import io.quern.proto.JobStatus;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durable job records in ZooKeeper: a persistent sequential node per job, whose sequence number is
 * the job id (unique across coordinator restarts), holding the spec at submit and the final status
 * at the end. Small by design: task state is not stored here. Thread-safe.
 */
public final class JobStore {
    private static final Logger log = LoggerFactory.getLogger(JobStore.class);
    private final CuratorFramework zk;

    public JobStore(CuratorFramework zk) {
        this.zk = zk;
    }

    /** Records a new job and returns its id ({@code job-0000000001}). */
    public String create(JobSpec spec) throws Exception {
        String path = zk.create().creatingParentsIfNeeded().withMode(CreateMode.PERSISTENT_SEQUENTIAL)
                .forPath(ZkPaths.JOB_PREFIX, Protos.toProto(spec).toByteArray());
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Records a job's final status; asynchronous, best effort (a failure is logged). */
    public void finished(JobStatus status) {
        try {
            zk.setData().inBackground((client, event) -> {
                if (event.getResultCode() != 0) {
                    log.warn("could not record final status of {}: ZooKeeper code {}", status.getJobId(),
                            event.getResultCode());
                }
            }).forPath(ZkPaths.job(status.getJobId()), status.toByteArray());
        } catch (Exception e) {
            log.warn("could not record final status of {}: {}", status.getJobId(), e.toString());
        }
    }
}
