package io.quern.examples.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.quern.examples.FakeTaskContext;
import io.quern.examples.RecordingEmitter;
import io.quern.examples.logstats.LogStatsMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessLogGeneratorTest {

    @TempDir
    Path tmp;

    /** Runs every line of the directory's files through LogStatsMapper; returns the summed pairs. */
    private static Map<String, Long> logstats(Path dir, int files, FakeTaskContext context) throws IOException {
        LogStatsMapper mapper = new LogStatsMapper();
        mapper.setup(context);
        RecordingEmitter<String, Long> out = new RecordingEmitter<>();
        for (int i = 0; i < files; i++) {
            for (String line : Files.readAllLines(dir.resolve(AccessLogGenerator.fileName(i)))) {
                mapper.map(0L, line, out);
            }
        }
        return RecordingEmitter.sums(out);
    }

    private static long lines(Path dir, int files) throws IOException {
        long lines = 0;
        for (int i = 0; i < files; i++) {
            lines += Files.readAllLines(dir.resolve(AccessLogGenerator.fileName(i))).size();
        }
        return lines;
    }

    @Test
    void sameSeed_sameBytes_otherSeed_otherBytes() throws IOException {
        AccessLogGenerator.generate(tmp.resolve("a"), 2, 100_000, 0.05, 11);
        AccessLogGenerator.generate(tmp.resolve("b"), 2, 100_000, 0.05, 11);
        AccessLogGenerator.generate(tmp.resolve("c"), 2, 100_000, 0.05, 12);
        for (int i = 0; i < 2; i++) {
            String name = AccessLogGenerator.fileName(i);
            byte[] a = Files.readAllBytes(tmp.resolve("a").resolve(name));
            assertThat(a).as(name).isEqualTo(Files.readAllBytes(tmp.resolve("b").resolve(name)));
            assertThat(a).as(name).isNotEqualTo(Files.readAllBytes(tmp.resolve("c").resolve(name)));
        }
    }

    @Test
    void sizes_areCloseToTheRequestedTotal() throws IOException {
        AccessLogGenerator.generate(tmp, 4, 1_000_000, 0.01, 1);
        for (int i = 0; i < 4; i++) {
            assertThat(Files.size(tmp.resolve(AccessLogGenerator.fileName(i)))).isBetween(250_000L, 251_000L);
        }
    }

    @Test
    void withoutMalformedLines_everyLineParses() throws IOException {
        AccessLogGenerator.generate(tmp, 2, 2_000_000, 0.0, 3);
        FakeTaskContext context = new FakeTaskContext();
        Map<String, Long> stats = logstats(tmp, 2, context);
        long lines = lines(tmp, 2);

        assertThat(context.counterValue("malformed")).isZero();
        assertThat(stats).doesNotContainKey("malformed");
        long requests = stats.entrySet().stream().filter(e -> e.getKey().startsWith("status:"))
                .mapToLong(Map.Entry::getValue).sum();
        assertThat(requests).isEqualTo(lines);
        assertThat(stats.get("status:200")).isGreaterThan(lines / 2);
        assertThat(stats.keySet()).contains("status:304", "status:404", "status:500", "bytes:304", "path:/");
        assertThat(stats.keySet()).filteredOn(k -> k.contains("?")).isEmpty();
        // Time starts late on 28 February 2024 UTC and runs into the leap day.
        assertThat(stats.keySet()).filteredOn(k -> k.startsWith("hour:"))
                .contains("hour:2024-02-28T22", "hour:2024-02-29T00").hasSizeGreaterThan(2);
    }

    @Test
    void malformedLines_makeUpAboutTheRequestedFraction() throws IOException {
        AccessLogGenerator.generate(tmp, 2, 3_000_000, 0.05, 5);
        FakeTaskContext context = new FakeTaskContext();
        Map<String, Long> stats = logstats(tmp, 2, context);
        long lines = lines(tmp, 2);
        long malformed = context.counterValue("malformed");

        assertThat(stats.get("malformed")).isEqualTo(malformed);
        assertThat((double) malformed / lines).isCloseTo(0.05, within(0.006));
        long requests = stats.entrySet().stream().filter(e -> e.getKey().startsWith("status:"))
                .mapToLong(Map.Entry::getValue).sum();
        assertThat(requests + malformed).isEqualTo(lines);
    }

    @Test
    void sampleData_writesBothKinds() throws IOException {
        SampleData.generate(DataKind.TEXT, tmp.resolve("text"), 1, 10_000, 1);
        SampleData.generate(DataKind.LOGS, tmp.resolve("logs"), 1, 10_000, 1);
        assertThat(tmp.resolve("text").resolve(TextCorpusGenerator.fileName(0))).isNotEmptyFile();
        assertThat(List.of(Files.size(tmp.resolve("logs").resolve(AccessLogGenerator.fileName(0)))))
                .allSatisfy(size -> assertThat(size).isBetween(10_000L, 11_000L));
    }

    @Test
    void badArguments_areRejected() {
        assertThatThrownBy(() -> AccessLogGenerator.generate(tmp, 1, 10, 1.5, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("malformedFraction");
        assertThatThrownBy(() -> AccessLogGenerator.generate(tmp, 0, 10, 0.1, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
