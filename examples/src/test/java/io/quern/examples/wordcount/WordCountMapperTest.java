package io.quern.examples.wordcount;

import static org.assertj.core.api.Assertions.assertThat;

import io.quern.examples.RecordingEmitter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WordCountMapperTest {

    private static List<String> words(String line) {
        WordCountMapper mapper = new WordCountMapper();
        RecordingEmitter<String, Long> out = new RecordingEmitter<>();
        mapper.map(0L, line, out);
        assertThat(out.pairs()).allSatisfy(p -> assertThat(p.getValue()).isEqualTo(1L));
        return out.keys();
    }

    /** The definition, written as plainly as possible: group code points by Character.isLetter. */
    private static List<String> referenceWords(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        line.codePoints().forEach(cp -> {
            if (Character.isLetter(cp)) {
                word.appendCodePoint(cp);
            } else if (word.length() > 0) {
                words.add(word.toString());
                word.setLength(0);
            }
        });
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }

    @Test
    void lettersOutsideTheBmp_belongToTheWord() {
        assertThat(words("𐐀𐐁x")).containsExactly("𐐀𐐁x");
        assertThat(words("a𐐀 𐐨b")).containsExactly("a𐐀", "𐐨b");
    }

    @Test
    void digitsPunctuationAndSymbols_separateWords() {
        assertThat(words("foo1bar, baz-qux's (x)")).containsExactly("foo", "bar", "baz", "qux", "s", "x");
        assertThat(words("a😀b")).containsExactly("a", "b"); // an emoji is a symbol, not a letter
        assertThat(words("e\u0301t\u00e9")).containsExactly("e", "t\u00e9"); // a combining mark is not a letter
    }

    @Test
    void unpairedSurrogate_separatesWords() {
        assertThat(words("ab\uD800cd\uDC00ef")).containsExactly("ab", "cd", "ef");
        assertThat(words("ab\uD801")).containsExactly("ab");
    }

    @Test
    void caseIsKept() {
        assertThat(words("The the THE Straße STRASSE")).containsExactly("The", "the", "THE", "Straße", "STRASSE");
    }

    @Test
    void nonLatinScripts_areWords() {
        assertThat(words("Ελληνικά мир 東京 naïve")).containsExactly("Ελληνικά", "мир", "東京", "naïve");
    }

    @Test
    void emptyLineAndSeparatorsOnly_emitNothing() {
        assertThat(words("")).isEmpty();
        assertThat(words(" \t 123 ,.;!? -- 4.5 ")).isEmpty();
    }

    @Test
    void randomLines_matchTheReferenceTokenizer() {
        int[] pool = {'a', 'Z', 'é', 'ß', ' ', '\t', '1', '-', '\'', 0x0301, 0x4E2D, 0x10400, 0x1F600,
            0xD800, 0xDC00, 0x0660, 0x02B0, 0x00AA, 0x2160, 0x3007};
        SplittableRandom random = new SplittableRandom(42);
        for (int n = 0; n < 5_000; n++) {
            StringBuilder line = new StringBuilder();
            for (int i = random.nextInt(30); i > 0; i--) {
                line.appendCodePoint(pool[random.nextInt(pool.length)]);
            }
            String s = line.toString();
            assertThat(words(s)).as("words of %s", s.codePoints().mapToObj(Integer::toHexString).toList())
                    .isEqualTo(referenceWords(s));
        }
    }
}
