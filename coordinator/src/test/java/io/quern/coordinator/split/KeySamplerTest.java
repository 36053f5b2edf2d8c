package io.quern.coordinator.split;

import static org.assertj.core.api.Assertions.assertThat;

import io.quern.common.job.FileRange;
import io.quern.common.job.InputFormat;
import io.quern.common.job.SplitPoints;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeySamplerTest {
    /** Lines {@code key:<n>} have key n (zero-padded); any other line has none. */
    private static final Function<String, String> KEY = l -> l.startsWith("key:") ? l.substring(4) : null;

    @TempDir Path tmp;

    private Path lines(String name, int from, int to) throws IOException {
        StringBuilder s = new StringBuilder();
        for (int i = from; i < to; i++) {
            s.append("key:").append(String.format("%06d", i)).append('\n');
            if (i % 10 == 0) {
                s.append("noise\n");
            }
        }
        return Files.writeString(tmp.resolve(name), s, StandardCharsets.UTF_8);
    }

    private static List<String> strings(List<byte[]> keys) {
        return keys.stream().map(k -> new String(k, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void aSmallInput_isSampledWhole_exactlyOnceDespiteSplitBoundariesInsideLines() throws Exception {
        Path file = lines("a", 0, 500);
        List<List<FileRange>> splits = new InputSplitter(1000, InputFormat.TEXT).split(List.of(file));
        assertThat(splits).hasSizeGreaterThan(5);

        List<String> keys = strings(new KeySampler(1_000_000, KEY).sample(splits));

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            expected.add(String.format("%06d", i));
        }
        assertThat(keys).as("every line with a key once: no partial lines, nothing twice")
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void theSampleIsBounded_andSpreadOverEverySplitAndWithinEach() throws Exception {
        Path a = lines("a", 0, 20_000);
        Path b = lines("b", 20_000, 40_000);
        List<List<FileRange>> splits = new InputSplitter(100_000, InputFormat.TEXT).split(List.of(a, b));

        List<String> keys = strings(new KeySampler(800, KEY).sample(splits));

        assertThat(keys).hasSizeLessThanOrEqualTo(800).hasSizeGreaterThan(700);
        long fromB = keys.stream().filter(k -> Integer.parseInt(k) >= 20_000).count();
        assertThat(fromB).as("both files sampled").isBetween(300L, 500L);
        assertThat(keys).as("from the ends of a file too, not only its start")
                .anyMatch(k -> Integer.parseInt(k) > 18_000 && Integer.parseInt(k) < 20_000);
    }

    @Test
    void gzipFiles_areSampledFromTheirStart() throws Exception {
        Path gz = tmp.resolve("c.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(lines("plain", 0, 100)));
        }
        List<List<FileRange>> splits = new InputSplitter(10, InputFormat.TEXT).split(List.of(gz));
        assertThat(strings(new KeySampler(30, KEY).sample(splits))).hasSize(30).startsWith("000000", "000001");
    }

    @Test
    void splitPoints_areTheSamplesQuantiles() {
        List<byte[]> sample = new ArrayList<>();
        for (int i = 99; i >= 0; i--) {
            sample.add(String.format("%03d", i).getBytes(StandardCharsets.UTF_8));
        }
        SplitPoints points = KeySampler.splitPoints(sample, 4);
        assertThat(points.size()).isEqualTo(3);
        assertThat(strings(points.all())).containsExactly("025", "050", "075");

        int[] perPartition = new int[4];
        for (byte[] k : sample) {
            perPartition[points.partition(k, 0, k.length)]++;
        }
        assertThat(perPartition).as("equal shares of the sample").containsExactly(25, 25, 25, 25);
    }

    @Test
    void noSample_orOneReducer_givesNoPoints() {
        assertThat(KeySampler.splitPoints(List.of(), 3).size()).isZero();
        assertThat(KeySampler.splitPoints(List.of(new byte[] {1}), 1).size()).isZero();
    }
}
