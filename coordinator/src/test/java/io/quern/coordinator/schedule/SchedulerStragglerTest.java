package io.quern.coordinator.schedule;

import static io.quern.coordinator.schedule.SchedulerFixture.map;
import static io.quern.coordinator.schedule.SchedulerFixture.reduce;
import static org.assertj.core.api.Assertions.assertThat;

import io.quern.common.job.AttemptProgress;
import io.quern.common.job.Counters;
import io.quern.common.job.FileRange;
import io.quern.common.job.InputFormat;
import io.quern.common.job.JobSpec;
import io.quern.common.job.JobState;
import io.quern.common.job.TaskAssignment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Backup attempts of stragglers, splits of straggling maps, and placement by worker speed. */
class SchedulerStragglerTest {
    private static final long MIB = 1L << 20;
    private final SchedulerFixture f = new SchedulerFixture();

    private static JobSpec spec(String jobId, int reducers, Map<String, String> conf) {
        return new JobSpec("wordcount", null, null, null, null, null, List.of("/in/" + jobId), "/out/" + jobId,
                reducers, 1024, InputFormat.TEXT, conf, 4, 0, Duration.ZERO);
    }

    /** Backups only: splitting off. */
    private static final Map<String, String> BACKUPS_ONLY = Map.of("quern.skew.split", "false");

    private void advanceSeconds(int s) {
        f.executor.advance(Duration.ofSeconds(s));
    }

    @Test
    void aSlowMap_getsABackupOnTheFastWorker_andTheFirstToFinishCommitsOnce() {
        f.join("w1", 1);
        f.join("w2", 1);
        f.addJob("j1", spec("j1", 1, BACKUPS_ONLY), 2);
        advanceSeconds(2);
        f.heartbeat("w1", new AttemptProgress(map("j1", 0, 0), 0.1, 100, 0));
        int mark = f.gateway.starts.size();

        f.succeed(map("j1", 1, 0), Map.of(Counters.MAP_INPUT_RECORDS, 10L));

        assertThat(f.attemptsSince(mark)).as("m0 runs at 50 B/s against 500 B/s: 18 s left, a backup needs 2 s")
                .containsExactly(map("j1", 0, 1));
        assertThat(f.gateway.start(map("j1", 0, 1)).workerId()).isEqualTo("w2");
        JobSnapshot s = f.snapshot("j1");
        assertThat(s.running()).anyMatch(t -> t.taskId().equals("m-000000") && t.attempt() == 1 && t.backup());
        assertThat(s.mitigation().backupsLaunched()).isEqualTo(1);

        advanceSeconds(2);
        f.succeed(map("j1", 0, 1), Map.of(Counters.MAP_INPUT_RECORDS, 10L));

        assertThat(f.gateway.killedAttempts()).as("the original loses").containsExactly(map("j1", 0, 0));
        f.succeed(reduce("j1", 0, 0));
        s = f.snapshot("j1");
        assertThat(s.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(s.mitigation().backupsWon()).isEqualTo(1);
        assertThat(s.counters()).as("counted for the committed attempt only")
                .containsEntry(Counters.MAP_INPUT_RECORDS, 20L);
        assertThat(f.committer.committed).hasSize(1);
    }

    @Test
    void noBackups_whenSpeculationIsOff() {
        f.join("w1", 1);
        f.join("w2", 1);
        f.addJob("j1", spec("j1", 1, Map.of("quern.speculation", "false", "quern.skew.split", "false")), 2);
        advanceSeconds(2);
        f.heartbeat("w1", new AttemptProgress(map("j1", 0, 0), 0.1, 100, 0));
        int mark = f.gateway.starts.size();

        f.succeed(map("j1", 1, 0));
        advanceSeconds(10);

        assertThat(f.attemptsSince(mark)).isEmpty();
        assertThat(f.snapshot("j1").mitigation().speculation()).isFalse();
    }

    @Test
    void noBackup_whenTheOriginalIsExpectedToFinishFirst() {
        f.join("w1", 1);
        f.join("w2", 1);
        f.addJob("j1", spec("j1", 1, BACKUPS_ONLY), 2);
        advanceSeconds(1);
        f.heartbeat("w1", new AttemptProgress(map("j1", 0, 0), 0.35, 350, 0));
        advanceSeconds(1);
        f.heartbeat("w1", new AttemptProgress(map("j1", 0, 0), 0.7, 700, 0));
        int mark = f.gateway.starts.size();

        f.succeed(map("j1", 1, 0));

        assertThat(f.attemptsSince(mark)).as("350 B/s is slow, but 0.9 s left beats a 2 s backup").isEmpty();
    }

    @Test
    void aMapWithoutAnyProgress_getsABackup() {
        f.join("w1", 1);
        f.join("w2", 1);
        f.addJob("j1", spec("j1", 1, BACKUPS_ONLY), 2);
        advanceSeconds(2);
        f.heartbeat("w1", new AttemptProgress(map("j1", 0, 0), 0, 0, 0));
        int mark = f.gateway.starts.size();

        f.succeed(map("j1", 1, 0));

        assertThat(f.attemptsSince(mark)).containsExactly(map("j1", 0, 1));
        assertThat(f.snapshot("j1").events()).anyMatch(e -> e.contains("m-000000: backup attempt on w2")
                && e.contains("no progress"));
    }

    @Test
    void backups_holdAtMostTheirShareOfSlots() {
        for (int w = 0; w < 20; w++) {
            f.join("w" + w, 1);
        }
        f.addJob("j1", spec("j1", 1, BACKUPS_ONLY), 20);
        advanceSeconds(2);
        for (int m = 3; m < 20; m++) {
            f.succeed(map("j1", m, 0));
        }
        advanceSeconds(1);

        assertThat(f.snapshot("j1").mitigation().backupsLaunched()).as("10% of 20 slots").isEqualTo(2);
        assertThat(f.gateway.startedAttempts()).filteredOn(a -> a.attempt() == 1).hasSize(2);
    }

    @Test
    void aReduceStraggler_getsABackup_andTheLoserIsKilled() {
        f.join("w1", 1);
        f.join("w2", 1);
        f.addJob("j1", spec("j1", 2, BACKUPS_ONLY), 1);
        f.succeed(map("j1", 0, 0));
        String slowWorker = f.gateway.start(reduce("j1", 0, 0)).workerId();
        advanceSeconds(2);
        f.heartbeat(slowWorker, new AttemptProgress(reduce("j1", 0, 0), 0.05, 0, 10));
        int mark = f.gateway.starts.size();

        f.succeed(reduce("j1", 1, 0));

        assertThat(f.attemptsSince(mark)).containsExactly(reduce("j1", 0, 1));
        f.succeed(reduce("j1", 0, 1));
        assertThat(f.gateway.killedAttempts()).containsExactly(reduce("j1", 0, 0));
        assertThat(f.snapshot("j1").state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(f.committer.committed).as("one commit per reduce").hasSize(2);
    }

    @Test
    void aStragglingMap_isAskedToStop_andItsUnreadRestBecomesNewTasks() {
        f.join("w1", 1);
        f.join("w2", 1);
        List<List<FileRange>> splits = List.of(
                List.of(new FileRange("/in/big", 0, 16 * MIB, false)),
                List.of(new FileRange("/in/small", 0, MIB, false)));
        f.addJob("j1", spec("j1", 1, Map.of()), splits);
        advanceSeconds(2);
        f.heartbeat("w1", new AttemptProgress(map("j1", 0, 0), 0.25, 4 * MIB, 0));
        f.succeed(map("j1", 1, 0));

        HeartbeatReply reply = f.heartbeatReply("w1", new AttemptProgress(map("j1", 0, 0), 0.26, 4 * MIB, 0));
        assertThat(reply.stop()).containsExactly(map("j1", 0, 0));
        assertThat(f.heartbeatReply("w1").stop()).as("asked once").isEmpty();

        int mark = f.gateway.starts.size();
        f.succeedMap(map("j1", 0, 0), List.of(), List.of(new FileRange("/in/big", 5 * MIB, 11 * MIB, false)));

        List<FileRange> handedOver = new ArrayList<>();
        for (FakeWorkerGateway.Start s : f.startsSince(mark)) {
            handedOver.addAll(s.task().ranges());
        }
        assertThat(f.attemptsSince(mark)).as("the rest, cut for both free slots")
                .containsExactlyInAnyOrder(map("j1", 2, 0), map("j1", 3, 0));
        assertThat(handedOver).as("every unread byte exactly once, in order").containsExactly(
                new FileRange("/in/big", 5 * MIB, 11 * MIB / 2, false),
                new FileRange("/in/big", 5 * MIB + 11 * MIB / 2, 11 * MIB / 2, false));
        JobSnapshot s = f.snapshot("j1");
        assertThat(s.map().total()).isEqualTo(4);
        assertThat(s.mitigation().mapsSplit()).isEqualTo(1);
        assertThat(s.mitigation().splitTasksAdded()).isEqualTo(2);

        f.succeed(map("j1", 2, 0));
        f.succeed(map("j1", 3, 0));
        TaskAssignment r = f.gateway.start(reduce("j1", 0, 0)).task();
        assertThat(r.mapOutputs()).as("the reduce reads the stopped map and its successors")
                .extracting(l -> l.mapIndex()).containsExactly(0, 1, 2, 3);
    }

    @Test
    void aStoppedMapLostWithItsWorker_isReRunOverWhatItRead() {
        f.join("w1", 1);
        f.join("w2", 1);
        f.addJob("j1", spec("j1", 1, Map.of()), List.of(
                List.of(new FileRange("/in/big", 0, 16 * MIB, false)),
                List.of(new FileRange("/in/small", 0, MIB, false))));
        advanceSeconds(2);
        f.heartbeat("w1", new AttemptProgress(map("j1", 0, 0), 0.25, 4 * MIB, 0));
        f.succeed(map("j1", 1, 0));
        f.heartbeat("w1");
        f.succeedMap(map("j1", 0, 0), List.of(), List.of(new FileRange("/in/big", 5 * MIB, 11 * MIB, false)));

        f.lose("w1");
        f.join("w3", 2);

        assertThat(f.gateway.start(map("j1", 0, 1)).task().ranges()).as("only the bytes it covered")
                .containsExactly(new FileRange("/in/big", 0, 5 * MIB, false));
    }

    @Test
    void partitions_areDealtToReducersBySize() {
        f.join("w1", 4);
        f.addJob("j1", spec("j1", 2, Map.of()), 2);
        // 2 reducers x 4 = 8 partitions; partition 0 is heavy.
        f.succeedMap(map("j1", 0, 0), List.of(90L, 5L, 5L, 5L, 40L, 40L, 5L, 5L), List.of());
        f.succeedMap(map("j1", 1, 0), List.of(10L, 5L, 5L, 5L, 10L, 10L, 5L, 5L), List.of());

        Map<Integer, List<Integer>> byReduce = new HashMap<>();
        for (int r = 0; r < 2; r++) {
            byReduce.put(r, f.gateway.start(reduce("j1", r, 0)).task().partitions());
        }
        assertThat(byReduce.get(0)).as("the heavy partition alone with the smallest").contains(0);
        List<Long> loads = f.snapshot("j1").mitigation().reduceBytes();
        assertThat(loads).as("LPT: {100, 10, 10, 10} and {50, 50, 10, 10}").containsExactlyInAnyOrder(130L, 120L);
        assertThat(byReduce.values().stream().flatMap(List::stream)).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void withAUserPartitioner_partitionPGoesToReduceP() {
        f.join("w1", 4);
        JobSpec user = new JobSpec(null, "ab".repeat(32), "M", "R", null, "P", List.of("/in/j1"), "/out/j1", 3,
                1024, InputFormat.TEXT, Map.of(), 4, 0, Duration.ZERO);
        f.addJob("j1", user, 1);
        f.succeedMap(map("j1", 0, 0), List.of(1000L, 1L, 1L), List.of());

        for (int r = 0; r < 3; r++) {
            assertThat(f.gateway.start(reduce("j1", r, 0)).task().partitions()).containsExactly(r);
        }
    }

    @Test
    void placement_prefersTheWorkerThatFinishesTasksFaster() {
        f.join("w1", 1);
        f.join("w2", 1);
        f.addJob("j1", spec("j1", 1, Map.of("quern.speculation", "false")), 2);
        advanceSeconds(1);
        f.succeed(map("j1", 1, 0)); // w2: 1000 B in 1 s
        advanceSeconds(3);
        f.succeed(map("j1", 0, 0)); // w1: 1000 B in 4 s
        f.succeed(reduce("j1", 0, 0));

        f.addJob("j2", 1, 1);

        assertThat(f.gateway.start(map("j2", 0, 0)).workerId()).isEqualTo("w2");
    }
}
