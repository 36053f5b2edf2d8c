package io.quern.worker.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerTuningTest {
    private static final long MIB = 1L << 20;
    private static final WorkerTuning BASE = new WorkerTuning(1 << 20, 2 * MIB, 16, 4);

    @Test
    void forHeap_largeHeap_capsEachBufferAt64MiB() {
        WorkerTuning t = WorkerTuning.forHeap(64L << 30, 2);
        assertThat(t.sortBufferBytes()).isEqualTo(64 * MIB);
        assertThat(t.reduceMemoryBytes()).isEqualTo(64 * MIB);
        assertThat(t.mergeFactor()).isEqualTo(64);
        assertThat(t.fetchParallelism()).isEqualTo(4);
    }

    @Test
    void sortBufferFor_smallSplit_isSizedToTheSplit_neverAboveTheConfiguredBuffer() {
        WorkerTuning t = WorkerTuning.forHeap(64L << 30, 2);
        assertThat(t.sortBufferFor(1024)).as("at least 1 MiB").isEqualTo((int) MIB);
        assertThat(t.sortBufferFor(2 * MIB)).as("eight output bytes per input byte").isEqualTo(16 * MIB);
        assertThat(t.sortBufferFor(64 * MIB)).as("a full split gets the whole buffer").isEqualTo(64 * MIB);
        assertThat(t.sortBufferFor(Long.MAX_VALUE)).as("gzip input").isEqualTo(64 * MIB);
        WorkerTuning tiny = t.forJob(Map.of(WorkerTuning.SORT_BUFFER_KEY, "4096"));
        assertThat(tiny.sortBufferFor(1024)).as("a job's smaller buffer is kept").isEqualTo(4096);
    }

    @Test
    void forHeap_splitsHalfTheHeapOverTheSlots() {
        // 256 MiB heap, 8 slots: 16 MiB per slot, half of it for each buffer.
        WorkerTuning t = WorkerTuning.forHeap(256 * MIB, 8);
        assertThat(t.sortBufferBytes()).isEqualTo(8 * MIB);
        assertThat(t.reduceMemoryBytes()).isEqualTo(8 * MIB);
    }

    @Test
    void forHeap_tinyHeapOrNoSlots_fallsBackToTheMinimumOf4KiB() {
        for (WorkerTuning t : new WorkerTuning[] {
                WorkerTuning.forHeap(1 * MIB, 1024), WorkerTuning.forHeap(0, 0), WorkerTuning.forHeap(0, -3)}) {
            assertThat(t.sortBufferBytes()).as("sort buffer of %s", t).isEqualTo(4096);
            assertThat(t.reduceMemoryBytes()).as("reduce memory of %s", t).isEqualTo(4096);
        }
    }

    @Test
    void forHeap_noSlots_countsAsOne() {
        assertThat(WorkerTuning.forHeap(64 * MIB, 0)).isEqualTo(WorkerTuning.forHeap(64 * MIB, 1));
        assertThat(WorkerTuning.forHeap(64 * MIB, -3)).isEqualTo(WorkerTuning.forHeap(64 * MIB, 1));
    }

    @Test
    void forHeap_allSlotsTogetherUseAtMostHalfTheHeap() {
        long[] heaps = {64 * MIB, 100 * MIB + 7, 512 * MIB, 3L << 30, 31L << 30};
        int[] slotCounts = {1, 2, 3, 7, 16, 64};
        for (long heap : heaps) {
            for (int slots : slotCounts) {
                WorkerTuning t = WorkerTuning.forHeap(heap, slots);
                long total = slots * (t.sortBufferBytes() + t.reduceMemoryBytes());
                assertThat(total)
                        .as("heap %d, %d slots: %s", heap, slots, t)
                        .isLessThanOrEqualTo(heap / 2);
                assertThat(t.sortBufferBytes()).as("heap %d, %d slots", heap, slots)
                        .isBetween(4096, (int) (64 * MIB));
            }
        }
    }

    @Test
    void forJob_withoutOverrides_isUnchanged() {
        assertThat(BASE.forJob(Map.of())).isEqualTo(BASE);
        assertThat(BASE.forJob(Map.of("unrelated", "x"))).isEqualTo(BASE);
    }

    @Test
    void forJob_appliesEachOverride_keepingTheOthers() {
        assertThat(BASE.forJob(Map.of(WorkerTuning.SORT_BUFFER_KEY, "8192")))
                .isEqualTo(new WorkerTuning(8192, 2 * MIB, 16, 4));
        assertThat(BASE.forJob(Map.of(WorkerTuning.REDUCE_MEMORY_KEY, " 500000 ")))
                .isEqualTo(new WorkerTuning(1 << 20, 500_000L, 16, 4));
        assertThat(BASE.forJob(Map.of(WorkerTuning.MERGE_FACTOR_KEY, "2")))
                .isEqualTo(new WorkerTuning(1 << 20, 2 * MIB, 2, 4));
    }

    @Test
    void forJob_memoryAboveTheWorkersTaskMemory_isClampedToIt_andSaysSo() {
        List<String> notices = new ArrayList<>();
        WorkerTuning t = BASE.forJob(Map.of(WorkerTuning.SORT_BUFFER_KEY, "99999999999",
                WorkerTuning.REDUCE_MEMORY_KEY, "5000000000"), notices::add);
        assertThat(t).isEqualTo(BASE);
        assertThat(notices).containsExactlyInAnyOrder(
                "quern.sort.buffer.bytes = 99999999999 is more than this worker's task memory allows; clamped to "
                        + "1048576 (1.0 MiB)",
                "quern.reduce.memory.bytes = 5000000000 is more than this worker's task memory allows; clamped to "
                        + "2097152 (2.0 MiB)");
    }

    @Test
    void forJob_memoryAtOrBelowTheWorkersTaskMemory_isNotClamped() {
        List<String> notices = new ArrayList<>();
        WorkerTuning t = BASE.forJob(Map.of(WorkerTuning.SORT_BUFFER_KEY, String.valueOf(1 << 20),
                WorkerTuning.REDUCE_MEMORY_KEY, "4096"), notices::add);
        assertThat(t).isEqualTo(new WorkerTuning(1 << 20, 4096, 16, 4));
        assertThat(notices).isEmpty();
    }

    @Test
    void forTaskMemory_boundsEachAttemptsBuffers() {
        WorkerTuning t = WorkerTuning.forTaskMemory(16 * MIB, 4, 256 * MIB);
        assertThat(t.sortBufferBytes()).isEqualTo(16 * MIB);
        assertThat(t.reduceMemoryBytes()).isEqualTo(16 * MIB);
        assertThat(WorkerTuning.forTaskMemory(32 * MIB, 4, 256 * MIB).reduceMemoryBytes())
                .as("exactly half the heap over the slots fits").isEqualTo(32 * MIB);
    }

    @Test
    void forTaskMemory_hugeTaskMemory_keepsTheSortBufferBelowTheArrayLimit() {
        WorkerTuning t = WorkerTuning.forTaskMemory(8L << 30, 1, 64L << 30);
        assertThat(t.sortBufferBytes()).isEqualTo(Integer.MAX_VALUE - 64);
        assertThat(t.reduceMemoryBytes()).isEqualTo(8L << 30);
    }

    @Test
    void forTaskMemory_slotsTimesTaskMemoryOverHalfTheHeap_isRefusedNamingBoth() {
        assertThatThrownBy(() -> WorkerTuning.forTaskMemory(512 * MIB, 4, 2048 * MIB))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--task-memory 512.0 MiB times 4 --slots is 2.0 GiB, more than half the max heap "
                        + "(1.0 GiB of 2.0 GiB); lower either, or give the worker a larger -Xmx");
        assertThatThrownBy(() -> WorkerTuning.forTaskMemory(Long.MAX_VALUE / 2, 3, 1L << 40))
                .as("no overflow").hasMessageContaining("more than half the max heap");
    }

    @Test
    void forTaskMemory_belowTheSmallestBuffer_isRefused() {
        assertThatThrownBy(() -> WorkerTuning.forTaskMemory(4095, 1, 1L << 30))
                .hasMessage("--task-memory must be at least 4k, not 4095");
    }

    @Test
    void forJob_hugeMergeFactor_isClampedNotWrapped() {
        // 2^32 + 2 would wrap to 2 when narrowed to an int.
        WorkerTuning t = BASE.forJob(Map.of(WorkerTuning.MERGE_FACTOR_KEY, "4294967298"));
        assertThat(t.mergeFactor()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void forJob_notANumber_namesTheKeyAndTheValue() {
        assertThatThrownBy(() -> BASE.forJob(Map.of(WorkerTuning.SORT_BUFFER_KEY, "lots")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("quern.sort.buffer.bytes must be a non-negative whole number, not 'lots'");
        assertThatThrownBy(() -> BASE.forJob(Map.of(WorkerTuning.MERGE_FACTOR_KEY, "1.5")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("quern.merge.factor must be a non-negative whole number, not '1.5'");
        assertThatThrownBy(() -> BASE.forJob(Map.of(WorkerTuning.REDUCE_MEMORY_KEY, "")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("quern.reduce.memory.bytes must be a non-negative whole number, not ''");
    }

    @Test
    void forJob_negativeValue_isRejectedEvenWhereNarrowingWouldMakeItValid() {
        // -2^32 + 8192: its low 32 bits are 8192, a valid sort buffer if the value were narrowed blindly.
        assertThatThrownBy(() -> BASE.forJob(Map.of(WorkerTuning.SORT_BUFFER_KEY, "-4294959104")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("quern.sort.buffer.bytes must be a non-negative whole number, not '-4294959104'");
        assertThatThrownBy(() -> BASE.forJob(Map.of(WorkerTuning.MERGE_FACTOR_KEY, "-1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("quern.merge.factor");
    }

    @Test
    void forJob_valuesBelowTheMinimum_areRejected() {
        assertThatThrownBy(() -> BASE.forJob(Map.of(WorkerTuning.SORT_BUFFER_KEY, "4095")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sort buffer must be at least 4 KiB, not 4095");
        assertThatThrownBy(() -> BASE.forJob(Map.of(WorkerTuning.REDUCE_MEMORY_KEY, "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reduce memory must be at least 4 KiB, not 0");
        assertThatThrownBy(() -> BASE.forJob(Map.of(WorkerTuning.MERGE_FACTOR_KEY, "1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("merge factor must be at least 2, not 1");
    }

    @Test
    void constructor_rejectsNoFetchParallelism() {
        assertThatThrownBy(() -> new WorkerTuning(4096, 4096, 2, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fetch parallelism must be at least 1");
    }
}
