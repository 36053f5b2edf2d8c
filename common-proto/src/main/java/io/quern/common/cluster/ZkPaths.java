package io.quern.common.cluster;

/**
 * The ZooKeeper layout of a Quern cluster, below the connect string's chroot.
 *
 * <pre>
 * /quern/coordinator/latch      leader election among coordinators (Curator LeaderLatch)
 * /quern/coordinator/leader     ephemeral: the active coordinator's address (CoordinatorInfo)
 * /quern/workers/&lt;worker-id&gt;  ephemeral: one per live worker (WorkerInfo)
 * /quern/jobs/job-&lt;seq&gt;        persistent: a job's spec at submit, its final status at the end
 * </pre>
 *
 * With {@code --zk-auth}, every one of them (and {@code /quern} itself) is the cluster identity's
 * alone ({@link ZkAcls}); otherwise they are open.
 */
public final class ZkPaths {
    private ZkPaths() {}

    public static final String ROOT = "/quern";
    public static final String COORDINATOR = ROOT + "/coordinator";
    public static final String COORDINATOR_LATCH = COORDINATOR + "/latch";
    public static final String COORDINATOR_LEADER = COORDINATOR + "/leader";
    public static final String WORKERS = ROOT + "/workers";
    public static final String JOBS = ROOT + "/jobs";
    /** Sequential-node prefix; ZooKeeper appends a 10-digit counter, which makes the job id. */
    public static final String JOB_PREFIX = JOBS + "/job-";

    public static String worker(String workerId) {
        return WORKERS + "/" + workerId;
    }

    public static String job(String jobId) {
        return JOBS + "/" + jobId;
    }
}
