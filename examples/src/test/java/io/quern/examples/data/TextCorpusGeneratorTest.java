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
}
