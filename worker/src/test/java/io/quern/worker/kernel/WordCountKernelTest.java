package io.quern.worker.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.quern.api.Mapper;
import io.quern.common.job.KeyCount;
import io.quern.worker.codec.KeyHash;
import io.quern.worker.sort.SortCounters;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The kernel against an independent reference: every line decoded as UTF-8 and its words found as
 * runs of Unicode letters ({@code \p{L}}, which is {@link Character#isLetter(int)}), counted in a map.
 */
class WordCountKernelTest {
    private static final Pattern LETTERS = Pattern.compile("\\p{L}+");
    private static final int PARTITIONS = 8;
    private static final String[] PIECES = {
        "the", "quick", "Brown", "fox", "a", "ZZ", "internationalization", "x", " ", " ", "  ", ",", ".", "-", "42",
        "7up", "\t", "\n", "\n", "\r\n", "\n\n", "\r", "café", "naïve", "日本語", "𝐀𝐁", "😀", "İstanbul", "ﬁ",
        "\u00ad", "é", "_", "'s",
    };
    private static final byte[][] BAD_BYTES = {{(byte) 0xff}, {(byte) 0x80}, {(byte) 0xc3}, {(byte) 0xe6, (byte) 0x97}};

    /** Stands for the built-in word count mapper on lines outside ASCII: Unicode letter runs. */
    private static final Mapper<Long, String, String, Long> UNICODE_WORDS = (offset, line, out) -> {
        Matcher m = LETTERS.matcher(line);
        while (m.find()) {
            out.emit(m.group(), 1L);
        }
    };

    @Test
    void countsWhatTheReferenceCounts_withAnyChunkingAndInput() throws Exception {
        for (int seed = 0; seed < 60; seed++) {
            Random random = new Random(seed);
            byte[] text = randomText(random, 1 + random.nextInt(400), random.nextBoolean());
            Reference expected = reference(text);
            Result got = runKernel(text, randomChunks(random, text), CountTable.LEAST_BYTES * (1 + random.nextInt(4)));
            assertThat(got.counts).as("seed %d", seed).isEqualTo(expected.counts);
            assertThat(got.lines).as("lines, seed %d", seed).isEqualTo(expected.lines);
            assertThat(got.words).as("words, seed %d", seed).isEqualTo(expected.words);
        }
    }

    @Test
    void aTableTooSmallForTheVocabulary_isEmptiedIntoTheSinkAndCountsStayRight() throws Exception {
        Random random = new Random(99);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 200_000; i++) {
            int len = 1 + random.nextInt(14);
            for (int j = 0; j < len; j++) {
                out.write('a' + random.nextInt(26));
            }
            out.write(i % 11 == 0 ? '\n' : ' ');
        }
        byte[] text = out.toByteArray();
        Result got = runKernel(text, randomChunks(random, text), CountTable.LEAST_BYTES);
        assertThat(got.flushedRecords).as("keys handed over more than once").isGreaterThan(got.counts.size());
        assertThat(got.counts).isEqualTo(reference(text).counts);
    }

    @Test
    void heaviest_reportsTheMostFrequentWordsExactly() throws Exception {
        byte[] text = "b a b c b a\nb a\n".repeat(100).getBytes(StandardCharsets.UTF_8);
        Result got = runKernel(text, List.of(text.length), CountTable.LEAST_BYTES);
        assertThat(got.heaviest).containsExactly(new KeyCount("b", 400), new KeyCount("a", 300), new KeyCount("c", 100));
    }

    @Test
    void aLastLineWithoutTerminator_countsAsALine() throws Exception {
        byte[] text = "one two\n\nthree".getBytes(StandardCharsets.UTF_8);
        Result got = runKernel(text, List.of(8, text.length), CountTable.LEAST_BYTES);
        assertThat(got.lines).isEqualTo(3);
        assertThat(got.counts).containsOnlyKeys("one", "two", "three");
    }

    private record Reference(Map<String, Long> counts, long lines, long words) {}

    private static Reference reference(byte[] text) {
        Map<String, Long> counts = new HashMap<>();
        long lines = 0;
        long words = 0;
        int start = 0;
        while (start < text.length) {
            int nl = start;
            while (nl < text.length && text[nl] != '\n') {
                nl++;
            }
            Matcher m = LETTERS.matcher(new String(text, start, nl - start, StandardCharsets.UTF_8));
            while (m.find()) {
                counts.merge(m.group(), 1L, Long::sum);
                words++;
            }
            lines++;
            start = nl + 1;
        }
        return new Reference(counts, lines, words);
    }

    private static final class Result {
        final Map<String, Long> counts = new HashMap<>();
        long flushedRecords;
        long lines;
        long words;
        List<KeyCount> heaviest;
    }

    /** Runs the kernel over chunks ending at the given line ends, placed inside a larger array. */
    private static Result runKernel(byte[] text, List<Integer> chunkEnds, long tableBytes) throws Exception {
        Result r = new Result();
        SortCounters counters = new SortCounters();
        WordCountKernel kernel = new WordCountKernel(UNICODE_WORDS, (partition, k, koff, klen, v, voff, vlen) -> {
            assertThat(vlen).isEqualTo(8);
            assertThat(partition).isEqualTo(KeyHash.partition(KeyHash.of(k, koff, klen), PARTITIONS));
            long count = 0;
            for (int i = 0; i < 8; i++) {
                count = (count << 8) | (v[voff + i] & 0xff);
            }
            r.counts.merge(new String(k, koff, klen, StandardCharsets.UTF_8), count ^ Long.MIN_VALUE, Long::sum);
            r.flushedRecords++;
        }, counters, PARTITIONS, tableBytes);
        int from = 0;
        for (int end : chunkEnds) {
            byte[] padded = new byte[end - from + 7];
            Arrays.fill(padded, (byte) 'q'); // letters around the chunk must not be read
            System.arraycopy(text, from, padded, 3, end - from);
            kernel.scan(padded, 3, 3 + end - from, from);
            from = end;
        }
        kernel.finish();
        r.lines = kernel.lines();
        r.words = kernel.words();
        r.heaviest = kernel.heaviest();
        assertThat(counters.combineInputRecords).isEqualTo(kernel.words());
        return r;
    }

    /** Chunk ends at random line ends, the last at the end of the text. */
    private static List<Integer> randomChunks(Random random, byte[] text) {
        List<Integer> ends = new ArrayList<>();
        for (int i = 0; i < text.length - 1; i++) {
            if (text[i] == '\n' && random.nextInt(4) == 0) {
                ends.add(i + 1);
            }
        }
        ends.add(text.length);
        return ends;
    }

    private static byte[] randomText(Random random, int pieces, boolean badBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < pieces; i++) {
            if (badBytes && random.nextInt(40) == 0) {
                out.writeBytes(BAD_BYTES[random.nextInt(BAD_BYTES.length)]);
            } else {
                out.writeBytes(PIECES[random.nextInt(PIECES.length)].getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }
}
