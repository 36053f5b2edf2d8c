package io.quern.examples.data;

import java.io.IOException;
import java.nio.file.Path;

/** One entry point for the sample-data generators, as the CLI offers them. */
public final class SampleData {

    private SampleData() {}

    /**
     * Writes {@code files} files of the given kind into {@code dir} (created if needed), together
     * about {@code totalBytes} bytes. Logs get {@link AccessLogGenerator#DEFAULT_MALFORMED_FRACTION}
     * of malformed lines. The same arguments always produce the same bytes.
     *
     * @throws IllegalArgumentException if {@code files < 1} or {@code totalBytes < 0}
     */
    public static void generate(DataKind kind, Path dir, int files, long totalBytes, long seed)
            throws IOException {
        generate(kind, dir, files, totalBytes, Skew.NONE, seed);
    }

    /**
     * As {@link #generate(DataKind, Path, int, long, long)}, skewed: the first file larger than the
     * others, and for text, a steeper word distribution or a hot word.
     *
     * @throws IllegalArgumentException also if {@code skew} changes the words of logs, which have none
     */
    public static void generate(DataKind kind, Path dir, int files, long totalBytes, Skew skew, long seed)
            throws IOException {
        switch (kind) {
            case TEXT -> TextCorpusGenerator.generate(dir, files, totalBytes, skew, seed);
            case LOGS -> {
                if (skew.skewsKeys()) {
                    throw new IllegalArgumentException("a Zipf exponent or a hot key share applies to text only");
                }
                AccessLogGenerator.generate(dir, skew.fileShares(files, totalBytes),
                        AccessLogGenerator.DEFAULT_MALFORMED_FRACTION, seed);
            }
        }
    }
}
