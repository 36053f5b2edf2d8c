package io.quern.examples.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quern.examples.RecordingEmitter;
import io.quern.examples.wordcount.WordCountMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextCorpusGeneratorTest {

    @TempDir
    Path tmp;

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void sameSeed_sameBytes_otherSeed_otherBytes() throws IOException {
        TextCorpusGenerator.generate(tmp.resolve("a"), 2, 200_000, 7);
        TextCorpusGenerator.generate(tmp.resolve("b"), 2, 200_000, 7);
        TextCorpusGenerator.generate(tmp.resolve("c"), 2, 200_000, 8);
        for (int i = 0; i < 2; i++) {
            String name = TextCorpusGenerator.fileName(i);
            byte[] a = Files.readAllBytes(tmp.resolve("a").resolve(name));
            assertThat(a).as(name).isEqualTo(Files.readAllBytes(tmp.resolve("b").resolve(name)));
            assertThat(a).as(name).isNotEqualTo(Files.readAllBytes(tmp.resolve("c").resolve(name)));
        }
    }

    @Test
    void sizes_areCloseToTheRequestedTotal_splitEvenly() throws IOException {
        TextCorpusGenerator.generate(tmp, 3, 1_000_000, 1);
        List<Path> files = files(tmp);
        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactly("corpus-00000.txt", "corpus-00001.txt", "corpus-00002.txt");
        for (Path file : files) {
            assertThat(Files.size(file)).as(file.toString()).isBetween(333_333L, 333_333L + 2_000);
        }
    }

    @Test
    void text_isLineWrappedEnglishLikeProse() throws IOException {
        TextCorpusGenerator.generate(tmp, 1, 500_000, 3);
        byte[] bytes = Files.readAllBytes(tmp.resolve(TextCorpusGenerator.fileName(0)));
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n").contains("\n\n").contains(", ").contains(". ");
        List<String> lines = text.lines().toList();
        assertThat(lines).allSatisfy(line ->
                assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(100));
        assertThat(lines.stream().filter(l -> !l.isEmpty()).mapToInt(String::length).average().orElse(0))
                .isBetween(40.0, 100.0);
        assertThat(text.substring(0, 1)).matches("\\p{Lu}|\\p{Lt}|\\p{Lo}|\\d");
    }

    @Test
    void words_followASkewedDistribution_andIncludeNonAsciiLetters() throws IOException {
        TextCorpusGenerator.generate(tmp, 1, 1_000_000, 5);
        String text = Files.readString(tmp.resolve(TextCorpusGenerator.fileName(0)));
        WordCountMapper mapper = new WordCountMapper();
        RecordingEmitter<String, Long> out = new RecordingEmitter<>();
        text.lines().forEach(line -> mapper.map(0L, line, out));
        Map<String, Long> counts = RecordingEmitter.sums(out);
        long total = out.pairs().size();

        assertThat(total).isGreaterThan(100_000);
        assertThat(counts.get("the")).as("the most common word").isGreaterThan(total / 40);
        assertThat(counts.size()).as("distinct words").isGreaterThan(20_000);
        assertThat(counts.keySet()).as("words with accented letters")
                .filteredOn(w -> w.matches(".*[éèüöäàñø].*")).isNotEmpty();
        assertThat(counts.keySet()).as("words with ß").filteredOn(w -> w.contains("ß")).isNotEmpty();
        assertThat(counts.keySet()).as("CJK words")
                .filteredOn(w -> w.codePointAt(0) >= 0x4E00 && w.codePointAt(0) <= 0x9FFF).isNotEmpty();
        assertThat(counts.keySet()).as("a word starting with the letter U+10400")
                .filteredOn(w -> w.codePointAt(0) == 0x10400).isNotEmpty();
        assertThat(counts.keySet()).as("words in Deseret")
                .filteredOn(w -> w.codePointAt(0) > 0xFFFF).hasSizeGreaterThan(3);
    }

    @Test
    void zeroBytes_givesEmptyFiles_andBadArgumentsAreRejected() throws IOException {
        TextCorpusGenerator.generate(tmp, 2, 0, 1);
        assertThat(files(tmp)).hasSize(2).allSatisfy(p -> assertThat(Files.size(p)).isZero());
        assertThatThrownBy(() -> TextCorpusGenerator.generate(tmp, 0, 10, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TextCorpusGenerator.generate(tmp, 1, -1, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void skewedFile_isFactorTimesEachOther_totalKept_sameSeedSameBytes() throws IOException {
        Skew skew = new Skew(10, Skew.DEFAULT_ZIPF_EXPONENT, 0);
        TextCorpusGenerator.generate(tmp.resolve("a"), 4, 1_300_000, skew, 9);
        TextCorpusGenerator.generate(tmp.resolve("b"), 4, 1_300_000, skew, 9);
        List<Path> files = files(tmp.resolve("a"));
        assertThat(files).hasSize(4);
        assertThat(Files.size(files.get(0))).isBetween(1_000_000L, 1_000_000L + 2_000);
        long total = 0;
        for (Path f : files) {
            total += Files.size(f);
            assertThat(Files.readAllBytes(f)).as(f.toString())
                    .isEqualTo(Files.readAllBytes(tmp.resolve("b").resolve(f.getFileName())));
        }
        for (int i = 1; i < 4; i++) {
            assertThat(Files.size(files.get(i))).as(files.get(i).toString()).isBetween(100_000L, 100_000L + 2_000);
        }
        assertThat(total).isBetween(1_300_000L, 1_300_000L + 8_000);
    }

    @Test
    void noSkew_writesTheSameBytesAsThePlainForm() throws IOException {
        TextCorpusGenerator.generate(tmp.resolve("plain"), 3, 300_000, 4);
        TextCorpusGenerator.generate(tmp.resolve("none"), 3, 300_000, Skew.NONE, 4);
        for (int i = 0; i < 3; i++) {
            String name = TextCorpusGenerator.fileName(i);
            assertThat(Files.readAllBytes(tmp.resolve("none").resolve(name))).as(name)
                    .isEqualTo(Files.readAllBytes(tmp.resolve("plain").resolve(name)));
        }
    }

    @Test
    void hotKeyShare_makesThatShareOfWordsTheHotWord() throws IOException {
        TextCorpusGenerator.generate(tmp, 2, 1_000_000, new Skew(1, Skew.DEFAULT_ZIPF_EXPONENT, 0.6), 5);
        Map<String, Long> counts = wordCounts(tmp, 2);
        long words = counts.values().stream().mapToLong(Long::longValue).sum();
        long hot = counts.get("the") + counts.getOrDefault("The", 0L);
        assertThat((double) hot / words).as("share of the hot word").isBetween(0.58, 0.62);
        assertThat(counts.get("the")).as("the hot key is the heaviest key by far")
                .isGreaterThan(5 * counts.entrySet().stream().filter(e -> !e.getKey().equalsIgnoreCase("the"))
                        .mapToLong(Map.Entry::getValue).max().orElseThrow());
        assertThat(counts.size()).as("the other words still vary").isGreaterThan(10_000);
    }

    @Test
    void steeperZipfExponent_concentratesWordsOnTheTopRank() throws IOException {
        TextCorpusGenerator.generate(tmp.resolve("steep"), 1, 500_000, new Skew(1, 2.0, 0), 5);
        TextCorpusGenerator.generate(tmp.resolve("natural"), 1, 500_000, Skew.NONE, 5);
        Map<String, Long> steep = wordCounts(tmp.resolve("steep"), 1);
        Map<String, Long> natural = wordCounts(tmp.resolve("natural"), 1);
        // With exponent 2 rank 0 has probability 1 / zeta(2), about 0.61 of the words.
        assertThat(topShare(steep)).isBetween(0.57, 0.65);
        assertThat(topShare(natural)).isLessThan(0.15);
        assertThat(steep.size()).isLessThan(natural.size());
    }

    private static double topShare(Map<String, Long> counts) {
        long words = counts.values().stream().mapToLong(Long::longValue).sum();
        return (double) (counts.getOrDefault("the", 0L) + counts.getOrDefault("The", 0L)) / words;
    }

    private static Map<String, Long> wordCounts(Path dir, int files) throws IOException {
        WordCountMapper mapper = new WordCountMapper();
        RecordingEmitter<String, Long> out = new RecordingEmitter<>();
        for (int i = 0; i < files; i++) {
            for (String line : Files.readAllLines(dir.resolve(TextCorpusGenerator.fileName(i)))) {
                mapper.map(0L, line, out);
            }
        }
        return RecordingEmitter.sums(out);
    }
}
