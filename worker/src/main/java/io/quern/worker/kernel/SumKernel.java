package io.quern.worker.kernel;

import io.quern.common.job.EngineConf;
import io.quern.common.job.JobSpec;
import io.quern.worker.codec.KeyHash;
import io.quern.worker.sort.RawRecordCursor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.OptionalLong;

/**
 * The reduce of the built-in jobs ({@code wordcount}, {@code grep}, {@code logstats}), whose reducer
 * sums the {@code Long} values of each {@code String} key: it sums the encoded values of each run of
 * equal key bytes and writes {@code key<TAB>sum\n} from the key's bytes, never decoding a key or
 * boxing a value. The key bytes are the key's UTF-8, so the line is byte for byte what the reducer
 * and the text output would write; the sum wraps on overflow, as the reducer's {@code long} does.
 *
 * <p>Confined to the task thread.
 */
public final class SumKernel {
    /** The reducer of every built-in job that sums; it has no {@code setup} or {@code cleanup}. */
    public static final String SUM_REDUCER = "io.quern.examples.wordcount.SumReducer";

    private static final int VALUE_BYTES = 8;

    private SumKernel() {}

    /**
     * Whether a job's reduces may run through this kernel: a built-in job reducing with the summing
     * reducer, with kernels not turned off ({@link EngineConf#KERNELS}).
     */
    public static boolean handles(JobSpec job) {
        return job.isBuiltin() && job.jarSha256() == null && SUM_REDUCER.equals(job.reducer())
                && EngineConf.kernels(job.conf());
    }

    /**
     * Writes one line per group of equal keys of {@code in}, which must be sorted, and returns the
     * number of groups. {@code out} should be buffered.
     *
     * @throws IOException also for a value that is not an encoded {@code Long}
     */
    public static long run(RawRecordCursor in, OutputStream out) throws IOException {
        byte[] groupKey = new byte[64];
        int groupKeyLength = 0;
        byte[] digits = new byte[22]; // "\t", up to 19 digits and a sign, "\n"
        long groups = 0;
        long sum = 0;
        boolean open = false;
        while (in.next()) {
            byte[] k = in.keyBuffer();
            int ko = in.keyOffset();
            int kl = in.keyLength();
            if (!open || !Arrays.equals(groupKey, 0, groupKeyLength, k, ko, ko + kl)) {
                if (open) {
                    writeLine(out, groupKey, groupKeyLength, sum, digits);
                    groups++;
                }
                if (groupKey.length < kl) {
                    groupKey = new byte[Math.max(kl, groupKey.length * 2)];
                }
                System.arraycopy(k, ko, groupKey, 0, kl);
                groupKeyLength = kl;
                sum = 0;
                open = true;
            }
            checkValue(in);
            sum += decodeLong(in.valueBuffer(), in.valueOffset());
        }
        if (open) {
            writeLine(out, groupKey, groupKeyLength, sum, digits);
            groups++;
        }
        return groups;
    }

    /**
     * The same output from records in any order: sums them by key in a {@link CountTable} and writes
     * the keys in order at the end, instead of merging sorted runs first (a 64-way merge costs six
     * key comparisons a record; a probe costs one). Nothing is written unless every key fits in
     * {@code tableBytes}; then it returns empty, and the caller reduces the merged records instead.
     *
     * @return the number of groups written, or empty when the keys did not fit
     * @throws IOException also for a value that is not an encoded {@code Long}
     */
    public static OptionalLong runHashed(RawRecordCursor in, OutputStream out, long tableBytes) throws IOException {
        CountTable sums = new CountTable(Math.max(tableBytes, CountTable.LEAST_BYTES));
        while (in.next()) {
            checkValue(in);
            byte[] k = in.keyBuffer();
            int ko = in.keyOffset();
            int kl = in.keyLength();
            if (!sums.add(k, ko, kl, KeyHash.of(k, ko, kl), decodeLong(in.valueBuffer(), in.valueOffset()))) {
                return OptionalLong.empty();
            }
        }
        byte[] digits = new byte[22];
        sums.forEachSorted((keys, off, len, hash, sum) -> writeLine(out, keys, off, len, sum, digits));
        return OptionalLong.of(sums.size());
    }

    private static void checkValue(RawRecordCursor in) throws IOException {
        if (in.valueLength() != VALUE_BYTES) {
            throw new IOException("a summed value must be an encoded Long of 8 bytes, not " + in.valueLength());
        }
    }

    /** The inverse of {@code Codecs.LONG}: big-endian with the sign bit flipped. */
    private static long decodeLong(byte[] b, int off) {
        long x = 0;
        for (int i = 0; i < VALUE_BYTES; i++) {
            x = (x << 8) | (b[off + i] & 0xff);
        }
        return x ^ Long.MIN_VALUE;
    }

    private static void writeLine(OutputStream out, byte[] key, int keyLength, long sum, byte[] digits)
            throws IOException {
        writeLine(out, key, 0, keyLength, sum, digits);
    }

    private static void writeLine(OutputStream out, byte[] key, int off, int keyLength, long sum, byte[] digits)
            throws IOException {
        out.write(key, off, keyLength);
        int p = digits.length;
        digits[--p] = '\n';
        if (sum >= 0) {
            long v = sum;
            do {
                digits[--p] = (byte) ('0' + v % 10);
                v /= 10;
            } while (v != 0);
        } else {
            byte[] text = Long.toString(sum).getBytes(StandardCharsets.US_ASCII);
            p -= text.length;
            System.arraycopy(text, 0, digits, p, text.length);
        }
        digits[--p] = '\t';
        out.write(digits, p, digits.length - p);
    }
}
