package io.quern.examples.data;

import java.util.SplittableRandom;

/**
 * Draws ranks {@code 0..n-1} with probability proportional to {@code 1 / (rank + 1)^exponent}.
 *
 * <p>Inverts the cumulative distribution with a guide table: a uniform draw picks one of
 * {@code 2^16} equal slices of [0, 1), whose table entry bounds the ranks to search. Most draws land
 * on the few frequent ranks, so the memory touched is mostly small and hot in cache, which matters
 * more here than the asymptotics of, say, an alias table that reads a random place in a large array
 * every time. Immutable; draws use the caller's random generator.
 */
final class ZipfSampler {

    private static final int SLICES = 1 << 16;

    /** {@code cdf[i]} = probability of a rank at most {@code i}; the last is exactly 1. */
    private final double[] cdf;
    /** {@code guide[s]} = the first rank {@code i} with {@code cdf[i] > s / SLICES}. */
    private final int[] guide = new int[SLICES + 1];

    ZipfSampler(int n, double exponent) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1: " + n);
        }
        cdf = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.pow(i + 1, -exponent);
            cdf[i] = sum;
        }
        for (int i = 0; i < n; i++) {
            cdf[i] /= sum;
        }
        cdf[n - 1] = 1.0;
        int rank = 0;
        for (int s = 0; s < SLICES; s++) {
            while (cdf[rank] <= (double) s / SLICES) {
                rank++;
            }
            guide[s] = rank;
        }
        guide[SLICES] = n - 1;
    }

    int sample(SplittableRandom random) {
        double u = random.nextDouble();
        int slice = (int) (u * SLICES);
        // The rank drawn is the first i with cdf[i] > u; it lies within [guide[slice], guide[slice + 1]].
        int low = guide[slice];
        int high = guide[slice + 1];
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cdf[mid] > u) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }
}
