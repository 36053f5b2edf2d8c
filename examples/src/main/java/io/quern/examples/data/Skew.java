package io.quern.examples.data;

/**
 * How sample data departs from an even spread, to exercise straggler and skew handling: one file
 * larger than the others, a steeper word distribution, one hot word.
 *
 * @param fileFactor the first file is this many times the size of each other file (1 = all the same
 *     size); the total size stays the one asked for
 * @param zipfExponent text only: words of rank {@code r} (from 0) are drawn with probability
 *     proportional to {@code 1 / (r + 1)^zipfExponent}
 * @param hotKeyShare text only: this share of all words is the most frequent word, {@code the}
 *     ({@code The} at the start of a sentence); the others follow the Zipf distribution over the
 *     rest of the vocabulary. 0 = no hot word beyond what the Zipf distribution gives.
 */
public record Skew(double fileFactor, double zipfExponent, double hotKeyShare) {

    /** The exponent of English-like text, as {@link TextCorpusGenerator} has always used. */
    public static final double DEFAULT_ZIPF_EXPONENT = 1.05;

    /** Even files, natural text: what the generators write when not told otherwise. */
    public static final Skew NONE = new Skew(1, DEFAULT_ZIPF_EXPONENT, 0);

    public Skew {
        if (!(fileFactor >= 1) || Double.isInfinite(fileFactor)) {
            throw new IllegalArgumentException("the file factor must be a number of at least 1, not " + fileFactor);
        }
        if (!(zipfExponent > 0) || Double.isInfinite(zipfExponent)) {
            throw new IllegalArgumentException("the Zipf exponent must be a positive number, not " + zipfExponent);
        }
        if (!(hotKeyShare >= 0 && hotKeyShare <= 1)) {
            throw new IllegalArgumentException("the hot key share must be within 0 and 1, not " + hotKeyShare);
        }
    }

    /** Whether the words depart from the default distribution (meaningful for text only). */
    public boolean skewsKeys() {
        return zipfExponent != DEFAULT_ZIPF_EXPONENT || hotKeyShare > 0;
    }

    /**
     * The target size of each of {@code files} files, together {@code totalBytes}: the first
     * {@link #fileFactor} times each other one, the rest even (the first ones a byte more when it
     * does not divide). With a factor of 1 that is the plain even split.
     */
    public long[] fileShares(int files, long totalBytes) {
        if (files < 1) {
            throw new IllegalArgumentException("files must be at least 1: " + files);
        }
        if (totalBytes < 0) {
            throw new IllegalArgumentException("totalBytes must not be negative: " + totalBytes);
        }
        long[] shares = new long[files];
        // Rounded up, so a factor of 1 gives the first file the extra byte an even split gives it.
        long first = files == 1 ? totalBytes
                : Math.min(totalBytes, (long) Math.ceil(totalBytes * fileFactor / (fileFactor + files - 1)));
        shares[0] = first;
        long rest = totalBytes - first;
        for (int i = 1; i < files; i++) {
            int others = files - 1;
            shares[i] = rest / others + (i - 1 < rest % others ? 1 : 0);
        }
        return shares;
    }
}
