package io.quern.coordinator.schedule;

import static io.quern.coordinator.schedule.SchedulerFixture.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.quern.common.job.MapOutputLocation;
import io.quern.common.job.TaskAssignment;
import io.quern.common.job.TaskKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What keeps the scheduler's state and messages O(maps + reduces) for large jobs. */
class SchedulerScaleTest {
    private final SchedulerFixture f = new SchedulerFixture();

    private List<TaskAssignment> assignments(TaskKind kind) {
        return f.gateway.starts.stream().map(FakeWorkerGateway.Start::task).filter(t -> t.kind() == kind).toList();
    }

    @Test
    void reduceAssignments_shareOneTableOfMapOutputs_untilAMapIsRerun() {
        f.join("w1", 4);
        f.join("w2", 4);
        f.addJob("j1", 3, 4);
        for (int m = 0; m < 3; m++) {
            f.succeed(map("j1", m, 0));
        }
        List<TaskAssignment> reduces = assignments(TaskKind.REDUCE);
        assertThat(reduces).hasSize(4);
        assertThat(reduces).allSatisfy(r -> assertThat(r.mapOutputs()).isSameAs(reduces.get(0).mapOutputs()));

        String holder = f.gateway.start(map("j1", 0, 0)).workerId();
        String other = holder.equals("w1") ? "w2" : "w1";
        int mark = f.gateway.starts.size();
        f.lose(holder);
        for (FakeWorkerGateway.Start s : f.startsSince(mark)) {
            f.succeed(s.attempt());
        }
        List<TaskAssignment> again = f.startsSince(mark).stream().map(FakeWorkerGateway.Start::task)
                .filter(t -> t.kind() == TaskKind.REDUCE).toList();
        assertThat(again).as("reduces re-run once the lost maps ran again").isNotEmpty();
        List<MapOutputLocation> table = again.get(0).mapOutputs();
        assertThat(table).isNotSameAs(reduces.get(0).mapOutputs());
        assertThat(table).extracting(MapOutputLocation::workerId).containsOnly(other);
        assertThat(table).extracting(MapOutputLocation::mapIndex).containsExactly(0, 1, 2);
    }

    @Test
    void smallJob_everyMapReportsItsPartitionSizes() {
        f.join("w1", 8);
        f.addJob("j1", 5, 2);

        assertThat(assignments(TaskKind.MAP)).hasSize(5).allMatch(TaskAssignment::reportPartitionBytes);
    }

    @Test
    void largeJob_onlyASampleOfMapsReportsPartitionSizes_andTheirSizesStandForTheWholeJob() {
        // 1,000 maps x 16,800 partitions (4,200 reducers x 4) is just over the budget of 2^24 sizes,
        // so every second map reports.
        int maps = 1000;
        int reducers = 4200;
        int partitions = reducers * 4;
        assertThat((long) maps * partitions).isGreaterThan(JobRun.PARTITION_SIZE_BUDGET);
        f.join("w1", reducers);
        f.addJob("j1", maps, reducers);
        List<TaskAssignment> started = assignments(TaskKind.MAP);
        assertThat(started.size()).isEqualTo(maps);
        assertThat(started).allSatisfy(t -> assertThat(t.reportPartitionBytes())
                .as("%s reports sizes", t.attempt()).isEqualTo(t.attempt().task().index() % 2 == 0));

        List<Long> sizes = new ArrayList<>(Collections.nCopies(partitions, 10L));
        sizes.set(7, 1000L);
        for (TaskAssignment t : started) {
            f.succeedMap(t.attempt(), t.reportPartitionBytes() ? sizes : List.of(), List.of());
        }

        JobSnapshot s = f.snapshot("j1");
        assertThat(s.mitigation().largestPartitions().get(0))
                .as("500 maps reported 1,000 bytes for partition 7: the 1,000 maps hold about twice that")
                .isEqualTo(new JobSnapshot.PartitionSize(7, 1_000_000));
        assertThat(s.events()).anyMatch(e -> e.contains("estimated from the 500 of 1000 maps"));
        assertThat(assignments(TaskKind.REDUCE).size()).as("reduces placed").isEqualTo(reducers);
    }

    @Test
    void keptCounters_shareTheirNames_andAreTakenBackExactly() {
        JobRun job = new JobRun("j1", SchedulerFixture.spec("j1", 1), List.of(),
                io.quern.common.security.ShuffleSecret.random(new java.security.SecureRandom()), 0, 10);
        Map<String, Long> first = Map.of(new String("a.records"), 5L, new String("b.bytes"), 7L);
        Map<String, Long> second = Map.of(new String("b.bytes"), 11L, new String("a.records"), 13L);

        JobRun.KeptCounters k1 = job.keep(first);
        JobRun.KeptCounters k2 = job.keep(second);
        job.addCounters(first, +1);
        job.addCounters(second, +1);

        assertThat(k2.names()).as("one names array for maps with the same counters").isSameAs(k1.names());
        assertThat(k1.names()).containsExactly("a.records", "b.bytes");
        assertThat(k2.values()).containsExactly(13L, 11L);
        job.takeBack(k1);
        assertThat(job.snapshot(0).counters()).containsEntry("a.records", 13L).containsEntry("b.bytes", 11L);
    }
}
