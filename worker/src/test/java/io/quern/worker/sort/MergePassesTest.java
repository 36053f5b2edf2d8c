package io.quern.worker.sort;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MergePassesTest {

    @Test
    void mergesTheSmallestUntilTheMergeFactorIsLeft_reportingProgressByBytes() throws IOException {
        MergePasses passes = new MergePasses(3);
        List<List<Long>> groups = new ArrayList<>();
        List<Double> seen = new ArrayList<>();
        assertThat(passes.progress()).as("before the passes").isZero();
        List<Long> left = passes.run(List.of(50L, 10L, 40L, 20L, 30L, 60L), Long::longValue, group -> {
            seen.add(passes.progress());
            groups.add(group);
            return group.stream().mapToLong(Long::longValue).sum();
        });
        // 6 segments, factor 3: the 3 smallest into 60, then of the 4 left the 2 smallest into 90.
        assertThat(groups).containsExactly(List.of(10L, 20L, 30L), List.of(40L, 50L));
        assertThat(left).containsExactlyInAnyOrder(60L, 60L, 90L);
        // 150 bytes planned: 60 read by the first pass when the second starts.
        assertThat(seen).containsExactly(0.0, 60.0 / 150);
        assertThat(passes.progress()).isEqualTo(1.0);
    }

    @Test
    void noPassNeeded_isComplete() throws IOException {
        MergePasses passes = new MergePasses(4);
        assertThat(passes.run(List.of(1L, 2L, 3L, 4L), Long::longValue, group -> {
            throw new AssertionError("no pass expected");
        })).containsExactly(1L, 2L, 3L, 4L);
        assertThat(passes.progress()).isEqualTo(1.0);
    }
}
