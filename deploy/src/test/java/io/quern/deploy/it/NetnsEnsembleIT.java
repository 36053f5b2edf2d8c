package io.quern.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A three-member ZooKeeper ensemble ({@code quern zookeeper --ensemble}), each member in a network
 * namespace of its own, under a coordinator and three workers in theirs: the cluster survives the
 * loss of one member in the middle of a job, even of the leader.
 */
class NetnsEnsembleIT extends NetnsTest {
    NetnsEnsembleIT() {
        super(3, 12_000, 29);
    }

    @Test
    void leaderKilledMidJob_ensembleElectsAnother_jobSucceedsExactly() throws Exception {
        Map<String, String> modes = cluster.zkModes();
        assertThat(modes.values()).as(modes.toString()).containsExactlyInAnyOrder("leader", "follower", "follower");
        String leader = modes.entrySet().stream().filter(e -> e.getValue().equals("leader")).findFirst().orElseThrow()
                .getKey();
        assertThat(cluster.zk.split(",")).as("clients are given every member").hasSize(3);

        Path out = cluster.shared.resolve("wc");
        Path log = cluster.run.resolve("submit.out");
        Process submit = startSlowWordcount(out, log);
        String id = ProcessCluster.awaitJobId(log);
        ProcessCluster.await(Duration.ofSeconds(60), () -> mapsDone(id) >= 4, "4 maps of " + id + " done");

        ProcessHandle.of(cluster.pid(leader)).ifPresent(ProcessHandle::destroyForcibly); // SIGKILL
        ProcessCluster.await(Duration.ofSeconds(30), () -> newLeader(leader), "a new leader among the others");

        assertThat(submit.waitFor(JOB_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("the job ends").isTrue();
        assertThat(submit.exitValue()).as(Files.readString(log)).isZero();
        assertThat(WordCounts.sorted(WordCounts.readOutput(out, 2)))
                .isEqualTo(WordCounts.sorted(WordCounts.reference(text)));
        assertThat(cluster.workers()).as("every worker is still registered").hasSize(3);
        Quern.Result after = cluster.quern(JOB_TIMEOUT, "submit", "--zk", cluster.zk, "--job", "wordcount", "--input",
                text.resolve("text-000.txt").toString(), "--output", cluster.shared.resolve("after").toString());
        assertThat(after.exit()).as("two members still serve new jobs: " + after).isZero();
    }

    private int mapsDone(String id) {
        try {
            for (String line : cluster.quern(Duration.ofSeconds(30), "status", "--zk", cluster.zk, id).stdoutLines()) {
                if (line.startsWith("map ")) {
                    return Integer.parseInt(line.substring(4, line.indexOf('/')));
                }
            }
        } catch (Exception e) {
            // not yet
        }
        return 0;
    }

    private boolean newLeader(String old) {
        try {
            Map<String, String> modes = cluster.zkModes();
            return modes.get(old).equals("down") && modes.values().stream().filter("leader"::equals).count() == 1
                    && modes.values().stream().filter("follower"::equals).count() == 1;
        } catch (Exception e) {
            return false;
        }
    }
}
