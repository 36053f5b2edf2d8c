package io.quern.examples.sort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RowRangesTest {
    @TempDir Path tmp;

    @Test
    void theFilesCoverEveryRowOnce_inOrder_dealtEvenly() throws IOException {
        long records = 2 * RowRanges.ROWS_PER_LINE + 7;
        List<Path> files = RowRanges.write(tmp.resolve("rows"), records, 3);
        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactly("rows-00000", "rows-00001", "rows-00002");
        long next = 0;
        List<Long> perFile = new ArrayList<>();
        for (Path f : files) {
            long inFile = 0;
            for (String line : Files.readAllLines(f)) {
                RowRanges.Range r = RowRanges.parse(line);
                assertThat(r.first()).isEqualTo(next);
                assertThat(r.count()).isBetween(1L, RowRanges.ROWS_PER_LINE);
                next += r.count();
                inFile += r.count();
            }
            perFile.add(inFile);
        }
        assertThat(next).isEqualTo(records);
        assertThat(perFile).allSatisfy(n -> assertThat(n).isBetween(records / 3, records / 3 + 1));
    }

    @Test
    void badRangesAndLines_areRejected() {
        assertThatThrownBy(() -> RowRanges.parse("5")).hasMessageContaining("not 'FIRST COUNT'");
        assertThatThrownBy(() -> RowRanges.parse("-1 5")).hasMessageContaining("not a row range");
        assertThatThrownBy(() -> RowRanges.write(tmp, 5, 0)).hasMessageContaining("files must be at least 1");
        assertThat(RowRanges.parse(" 3  4 ")).isEqualTo(new RowRanges.Range(3, 4));
    }
}
