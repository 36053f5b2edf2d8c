package io.quern.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A cluster across network namespaces (deploy/netns): ZooKeeper, the coordinator, three workers and
 * the client each in a namespace of its own, with its own address, so every call and the shuffle
 * cross a network that is not loopback. Inputs and outputs live in one shared directory, as on an
 * NFS mount. One worker is then cut off in the middle of a job, and reconnected.
 */
class NetnsClusterIT extends NetnsTest {
    NetnsClusterIT() {
        super(1, 20_000, 23);
    }

    @Test
    void wordcountAndLogstats_shuffleAcrossNamespaces_matchIndependentComputation() throws Exception {
        Map<String, String> workers = cluster.workers();
        assertThat(workers).as("every worker advertises its namespace's own address").hasSize(3);
        assertThat(new HashSet<>(workers.values())).hasSize(3)
                .allMatch(hp -> hp.startsWith("198.18.") || hp.startsWith("198.19."));

        Path wc = cluster.shared.resolve("wc");
        Quern.Result r = cluster.quern(JOB_TIMEOUT, "submit", "--zk", cluster.zk, "--job", "wordcount", "--input",
                text.toString(), "--output", wc.toString(), "--split-size", "256k", "--reducers", "3");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(WordCounts.sorted(WordCounts.readOutput(wc, 3)))
                .isEqualTo(WordCounts.sorted(WordCounts.reference(text)));
        assertShuffleCrossedNamespaces(succeededJobId(r), workers);

        Path logs = cluster.shared.resolve("logs");
        AccessLogs data = AccessLogs.write(logs, 6, 2_000, 5);
        Path stats = cluster.shared.resolve("logstats");
        Quern.Result l = cluster.quern(JOB_TIMEOUT, "submit", "--zk", cluster.zk, "--job", "logstats", "--input",
                logs.toString(), "--output", stats.toString(), "--split-size", "64k");
        assertThat(l.exit()).as(l.toString()).isZero();
        assertThat(new TreeMap<>(PartFiles.longs(stats, 2))).isEqualTo(data.expected);
        assertThat(ClusterIT.counters(l.stdoutLines())).containsEntry("malformed", data.malformed);
        assertShuffleCrossedNamespaces(succeededJobId(l), workers);
    }

    @Test
    void workerCutOffMidJob_jobCompletesExactly_workerRejoinsAndRunsTasks() throws Exception {
        String cut = "w2";
        String cutId = cluster.serving(cut)[0];
        Path out = cluster.shared.resolve("cut");
        Path log = cluster.run.resolve("cut-submit.out");
        Process submit = startSlowWordcount(out, log);
        String id = ProcessCluster.awaitJobId(log);
        // a few maps, so that the coordinator has heard of the first ones before the cut
        ProcessCluster.await(Duration.ofSeconds(60), () -> mapsRun(id, cut) >= 3, cut + " to complete 3 maps of " + id);

        cluster.partition(cut);
        try {
            assertThat(submit.waitFor(JOB_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("the job ends").isTrue();
            assertThat(submit.exitValue()).as(Files.readString(log)).isZero();
            assertThat(WordCounts.sorted(WordCounts.readOutput(out, 2)))
                    .isEqualTo(WordCounts.sorted(WordCounts.reference(text)));
            assertThat(Files.readString(log)).as("the coordinator re-ran the maps whose output was cut off")
                    .containsPattern("worker " + cutId + " lost|output on " + cutId + " could not be fetched");
            assertThat(cluster.workers()).doesNotContainKey(cutId);
        } finally {
            cluster.heal(cut);
        }

        ProcessCluster.await(Duration.ofSeconds(60), () -> workerIds().contains(cutId), cutId + " to rejoin");
        Path after = cluster.shared.resolve("after-heal");
        Quern.Result r = cluster.quern(JOB_TIMEOUT, "submit", "--zk", cluster.zk, "--job", "wordcount", "--input",
                text.toString(), "--output", after.toString(), "--split-size", "64k");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(cluster.ranAttempts(succeededJobId(r), 'm', WORKERS)).as("the rejoined worker runs tasks again")
                .contains(cut);
        assertThat(WordCounts.sorted(WordCounts.readOutput(after, 2)))
                .isEqualTo(WordCounts.sorted(WordCounts.reference(text)));
    }

    /**
     * Maps ran on at least two workers, each on its own address, and reduces ran: so at least one
     * reduce fetched map output from another namespace.
     */
    private void assertShuffleCrossedNamespaces(String jobId, Map<String, String> workers) throws Exception {
        Set<String> mapNodes = cluster.ranAttempts(jobId, 'm', WORKERS);
        assertThat(mapNodes).as("workers that ran maps of " + jobId).hasSizeGreaterThanOrEqualTo(2);
        assertThat(cluster.ranAttempts(jobId, 'r', WORKERS)).as("workers that ran reduces of " + jobId).isNotEmpty();
        Set<String> addresses = new HashSet<>();
        for (String node : mapNodes) {
            String[] idAndAddress = cluster.serving(node);
            assertThat(workers).containsEntry(idAndAddress[0], idAndAddress[1]);
            addresses.add(idAndAddress[1]);
        }
        assertThat(addresses).as("the map workers' addresses").hasSameSizeAs(mapNodes);
    }

    private int mapsRun(String jobId, String node) {
        try {
            return cluster.attemptsSucceeded(jobId, 'm', node);
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private Set<String> workerIds() {
        try {
            return cluster.workers().keySet();
        } catch (Exception e) {
            return Set.of();
        }
    }
}
