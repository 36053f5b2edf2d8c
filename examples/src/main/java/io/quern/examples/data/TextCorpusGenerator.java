package io.quern.examples.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes English-like text: words drawn with a Zipf distribution (exponent {@value #EXPONENT}) from
 * a synthetic vocabulary of 300,000 words, in sentences that start with a capital letter and end
 * with {@code .}, {@code ?} or {@code !}, with commas, the odd number and possessive, on lines of
 * 60 to 100 bytes, in paragraphs separated by blank lines. Some words contain non-ASCII letters,
 * including CJK and letters outside the Basic Multilingual Plane, so word splitting by letters is
 * exercised. The same arguments always produce the same bytes.
 *
 * <p>Built for speed (well over 50 MB/s on one core): words are pre-encoded UTF-8, drawn in
 * constant time, and copied into a large byte buffer.
 */
public final class TextCorpusGenerator {

    private static final double EXPONENT = 1.05;
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
        if (files < 1) {
            throw new IllegalArgumentException("files must be at least 1: " + files);
        }
        if (totalBytes < 0) {
            throw new IllegalArgumentException("totalBytes must not be negative: " + totalBytes);
        }
        Files.createDirectories(dir);
        ZipfSampler ranks = new ZipfSampler(Vocabulary.SIZE, EXPONENT);
        SplittableRandom master = new SplittableRandom(seed);
        for (int i = 0; i < files; i++) {
            long share = totalBytes / files + (i < totalBytes % files ? 1 : 0);
            SplittableRandom random = master.split();
            try (ByteSink sink = new ByteSink(Files.newOutputStream(dir.resolve(fileName(i))))) {
                new FileWriter(Vocabulary.get(), ranks, random, sink).write(share);
            }
        }
    }

    /** Writes one file; keeps track of the current line to wrap it. */
    private static final class FileWriter {
        private final Vocabulary vocabulary;
        private final ZipfSampler ranks;
        private final SplittableRandom random;
        private final ByteSink sink;
        private int lineLength;
        private int lineTarget;

        FileWriter(Vocabulary vocabulary, ZipfSampler ranks, SplittableRandom random, ByteSink sink) {
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
