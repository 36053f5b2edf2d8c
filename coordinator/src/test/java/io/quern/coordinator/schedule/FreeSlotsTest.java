package io.quern.coordinator.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.quern.common.job.AttemptId;
import io.quern.common.job.TaskId;
import io.quern.common.job.WorkerAddress;
import org.junit.jupiter.api.Test;

/** The free workers stay ranked as their slots, suspension and speed change. */
class FreeSlotsTest {
    private final FreeSlots free = new FreeSlots();
    private long seq;

    private WorkerSlots join(String id, int slots) {
        return new WorkerSlots(new WorkerAddress(id, "host-" + id, 7001, slots, 1), 0, ++seq, free);
    }

    private static AttemptId attempt(int map) {
        return new AttemptId("j1", TaskId.map(map), 0);
    }

    @Test
    void idlestFirst_thenMostFreeSlots_thenEarliestJoined() {
        WorkerSlots a = join("a", 2);
        WorkerSlots b = join("b", 4);
        WorkerSlots c = join("c", 2);

        assertThat(free.take(w -> true, null)).as("all idle: most free slots").isSameAs(b);
        b.started(attempt(0));
        b.started(attempt(1));
        assertThat(free.take(w -> true, null)).as("b half busy: the earliest idle one").isSameAs(a);
        a.started(attempt(2));
        assertThat(free.take(w -> true, null)).isSameAs(c);
        assertThat(free.totalSlots()).isEqualTo(8);
    }

    @Test
    void aFullWorker_leavesTheRanking_andComesBackWhenASlotFrees() {
        WorkerSlots a = join("a", 1);
        a.started(attempt(0));
        assertThat(free.isEmpty()).isTrue();

        assertThat(a.ended(attempt(0))).isTrue();
        assertThat(free.take(w -> true, null)).isSameAs(a);
        assertThat(a.ended(attempt(0))).as("already ended").isFalse();
    }

    @Test
    void suspendedAndDepartedWorkers_getNoSlots() {
        WorkerSlots a = join("a", 2);
        WorkerSlots b = join("b", 2);
        a.suspend();
        assertThat(free.take(w -> true, null)).isSameAs(b);

        b.leave();
        assertThat(free.isEmpty()).isTrue();
        assertThat(free.totalSlots()).isEqualTo(2);
        b.ended(attempt(0));
        assertThat(free.isEmpty()).as("a departed worker never comes back").isTrue();

        a.resume();
        assertThat(free.take(w -> true, null)).isSameAs(a);
    }

    @Test
    void aFasterWorker_isReRankedAheadAsItsSpeedChanges() {
        WorkerSlots a = join("a", 2);
        WorkerSlots b = join("b", 2);
        long version = free.speedVersion();

        b.observe(3.0);

        assertThat(free.speedVersion()).isGreaterThan(version);
        assertThat(free.take(w -> true, null)).isSameAs(b);
        a.observe(10.0);
        assertThat(free.take(w -> true, null)).isSameAs(a);
    }

    @Test
    void take_skipsWorkersNotAllowed_andFallsBackToTheOneToAvoid() {
        join("a", 2);
        WorkerSlots b = join("b", 2);

        assertThat(free.take(w -> !w.id().equals("a"), null)).isSameAs(b);
        assertThat(free.take(w -> true, "a")).isSameAs(b);
        assertThat(free.take(w -> w.id().equals("a"), "a").id()).as("only the avoided one is allowed").isEqualTo("a");
        assertThat(free.take(w -> false, null)).isNull();
    }
}
