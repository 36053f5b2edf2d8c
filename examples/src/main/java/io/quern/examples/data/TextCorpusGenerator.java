package io.quern.examples.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes English-like text: words drawn with a Zipf distribution (exponent
 * {@value Skew#DEFAULT_ZIPF_EXPONENT} unless a {@link Skew} says otherwise) from a synthetic
 * vocabulary of 300,000 words, in sentences that start with a capital letter and end
 * with {@code .}, {@code ?} or {@code !}, with commas, the odd number and possessive, on lines of
 * 60 to 100 bytes, in paragraphs separated by blank lines. Some words contain non-ASCII letters,
 * including CJK and letters outside the Basic Multilingual Plane, so word splitting by letters is
 * exercised. The same arguments always produce the same bytes.
 *
 * <p>Built for speed (well over 50 MB/s on one core): words are pre-encoded UTF-8, drawn in
 * constant time, and copied into a large byte buffer.
 */
public final class TextCorpusGenerator {

    private static final byte[][] SENTENCE_ENDS = {{'.'}, {'?'}, {'!'}};
    private static final byte[] POSSESSIVE = {'\'', 's'};
    private static final byte[] COMMA = {','};

    private TextCorpusGenerator() {}

    /** The name of the file of that index: {@code corpus-00000.txt} and so on. */
    public static String fileName(int index) {
        return String.format("corpus-%05d.txt", index);
    }

    /**
     * Writes {@code files} files named by {@link #fileName} into {@code dir} (created if needed),
     * together about {@code totalBytes} bytes of UTF-8 text, split evenly; each file ends with a
     * line terminator and overshoots its share by at most one sentence.
     *
     * @throws IllegalArgumentException if {@code files < 1} or {@code totalBytes < 0}
     */
    public static void generate(Path dir, int files, long totalBytes, long seed) throws IOException {
        generate(dir, files, totalBytes, Skew.NONE, seed);
    }

    /**
     * As {@link #generate(Path, int, long, long)}, with the file sizes and the word distribution of
     * {@code skew}. {@link Skew#NONE} gives the same bytes as the plain form.
     *
     * @throws IllegalArgumentException if {@code files < 1} or {@code totalBytes < 0}
     */
    public static void generate(Path dir, int files, long totalBytes, Skew skew, long seed) throws IOException {
        long[] shares = skew.fileShares(files, totalBytes);
        Files.createDirectories(dir);
        WordRanks ranks = new WordRanks(skew.zipfExponent(), skew.hotKeyShare());
        SplittableRandom master = new SplittableRandom(seed);
        for (int i = 0; i < files; i++) {
            SplittableRandom random = master.split();
            try (ByteSink sink = new ByteSink(Files.newOutputStream(dir.resolve(fileName(i))))) {
                new FileWriter(Vocabulary.get(), ranks, random, sink).write(shares[i]);
            }
        }
    }

    /**
     * Draws word ranks: Zipf over the whole vocabulary, or, with a hot word, rank 0 with exactly its
     * share and Zipf over the other ranks otherwise. Without a hot word no extra random number is
     * drawn, so the default corpus keeps its bytes. Immutable.
     */
    private static final class WordRanks {
        private final ZipfSampler zipf;
        private final double hotShare;

        WordRanks(double exponent, double hotShare) {
            this.hotShare = hotShare;
            this.zipf = new ZipfSampler(hotShare > 0 ? Vocabulary.SIZE - 1 : Vocabulary.SIZE, exponent);
        }

        int sample(SplittableRandom random) {
            if (hotShare <= 0) {
                return zipf.sample(random);
            }
            return random.nextDouble() < hotShare ? 0 : 1 + zipf.sample(random);
        }
    }

    /** Writes one file; keeps track of the current line to wrap it. */
    private static final class FileWriter {
        private final Vocabulary vocabulary;
        private final WordRanks ranks;
        private final SplittableRandom random;
        private final ByteSink sink;
        private int lineLength;
        private int lineTarget;

        FileWriter(Vocabulary vocabulary, WordRanks ranks, SplittableRandom random, ByteSink sink) {
            this.vocabulary = vocabulary;
            this.ranks = ranks;
            this.random = random;
            this.sink = sink;
            this.lineTarget = nextLineTarget();
        }

        void write(long share) throws IOException {
            while (sink.position() < share) {
                if (sink.position() > 0) {
                    sink.write((byte) '\n'); // a blank line between paragraphs
                }
                for (int s = 2 + random.nextInt(6); s > 0 && sink.position() < share; s--) {
                    sentence();
                }
                sink.write((byte) '\n');
                lineLength = 0;
                sink.endRecord();
            }
        }

        private void sentence() {
            int words = 3 + random.nextInt(16);
            for (int i = 0; i < words; i++) {
                int choice = random.nextInt(1000);
                int number = -1;
                int from = 0;
                int to = 0;
                byte[] suffix = null;
                if (choice < 5) {
                    number = choice < 2 ? 1800 + random.nextInt(226) : 1 + random.nextInt(100);
                } else {
                    int rank = ranks.sample(random);
                    from = vocabulary.start(rank, i == 0);
                    to = vocabulary.end(rank, i == 0);
                    if (choice < 12 && !Vocabulary.isFunctionWord(rank)) {
                        suffix = POSSESSIVE;
                    }
                }
                byte[] punctuation = null;
                if (i == words - 1) {
                    int end = random.nextInt(100);
                    punctuation = SENTENCE_ENDS[end < 88 ? 0 : end < 96 ? 1 : 2];
                } else if (random.nextInt(100) < 7) {
                    punctuation = COMMA;
                }
                int length = (number < 0 ? to - from : digits(number))
                        + (suffix != null ? suffix.length : 0)
                        + (punctuation != null ? punctuation.length : 0);
                separate(length);
                if (number < 0) {
                    sink.write(vocabulary.bytes(), from, to - from);
                } else {
                    sink.writeDecimal(number, 1);
                }
                if (suffix != null) {
                    sink.write(suffix);
                }
                if (punctuation != null) {
                    sink.write(punctuation);
                }
                lineLength += length;
            }
        }

        /** A space before the next token, or a line break if it would not fit. */
        private void separate(int tokenLength) {
            if (lineLength == 0) {
                return;
            }
            if (lineLength + 1 + tokenLength > lineTarget) {
                sink.write((byte) '\n');
                lineLength = 0;
                lineTarget = nextLineTarget();
            } else {
                sink.write((byte) ' ');
                lineLength++;
            }
        }

        private int nextLineTarget() {
            return 60 + random.nextInt(41);
        }

        private static int digits(int number) {
            return number < 10 ? 1 : number < 100 ? 2 : number < 1000 ? 3 : 4;
        }
    }
}
