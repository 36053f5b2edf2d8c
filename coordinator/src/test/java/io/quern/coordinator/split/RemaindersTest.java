package io.quern.coordinator.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quern.common.job.FileRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class RemaindersTest {
    private final Random random = new Random(11);

    @Test
    void covered_isWhatPrecedesTheRemainder() {
        List<FileRange> split = List.of(new FileRange("/a", 100, 900, false), new FileRange("/b.gz", 0, 50, true),
                new FileRange("/c", 0, 70, false));
        assertThat(Remainders.covered(split, List.of(new FileRange("/a", 400, 600, false), split.get(1), split.get(2))))
                .containsExactly(new FileRange("/a", 100, 300, false));
        assertThat(Remainders.covered(split, List.of(split.get(1), split.get(2))))
                .containsExactly(split.get(0));
        assertThat(Remainders.covered(split, List.of(new FileRange("/c", 10, 60, false))))
                .containsExactly(split.get(0), split.get(1), new FileRange("/c", 0, 10, false));
        assertThat(Remainders.covered(split, List.of())).isEqualTo(split);
    }

    @Test
    void covered_rejectsARemainderThatIsNotASuffix() {
        List<FileRange> split = List.of(new FileRange("/a", 0, 100, false), new FileRange("/c", 0, 70, false));
        assertThatThrownBy(() -> Remainders.covered(split, List.of(new FileRange("/a", 50, 50, false))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Remainders.covered(split, List.of(new FileRange("/c", 10, 20, false))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @RepeatedTest(100)
    void divide_coversEveryByteOnceInOrder_inAtMostTheAskedPieces() {
        List<FileRange> rest = new ArrayList<>();
        int files = 1 + random.nextInt(4);
        for (int i = 0; i < files; i++) {
            boolean whole = random.nextInt(4) == 0;
            long length = 1 + random.nextInt(10_000);
            long start = whole || i > 0 ? 0 : random.nextInt(1000);
            rest.add(new FileRange("/f" + i + (whole ? ".gz" : ""), start, length, whole));
        }
        int pieces = 1 + random.nextInt(6);
        List<List<FileRange>> out = Remainders.divide(rest, pieces);

        assertThat(out).hasSizeBetween(1, pieces).allSatisfy(p -> assertThat(p).isNotEmpty());
        List<FileRange> merged = new ArrayList<>();
        for (List<FileRange> piece : out) {
            for (FileRange r : piece) {
                FileRange last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
                if (last != null && last.path().equals(r.path()) && last.end() == r.start() && !r.whole()) {
                    merged.set(merged.size() - 1, new FileRange(r.path(), last.start(), last.length() + r.length(), false));
                } else {
                    merged.add(r);
                }
            }
        }
        assertThat(merged).isEqualTo(rest);
        if (rest.stream().noneMatch(FileRange::whole)) {
            long total = Remainders.bytes(rest);
            assertThat(out).hasSize((int) Math.min(pieces, total));
            long target = (total + pieces - 1) / pieces;
            out.forEach(p -> assertThat(Remainders.bytes(p)).isLessThanOrEqualTo(target));
        }
    }
}
