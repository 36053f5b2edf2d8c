package io.quern.common.job;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a job is. A user job names its classes and the uploaded jar that holds them
 * ({@code jarSha256}); a built-in job is submitted by {@code builtin} name alone, and the
 * coordinator fills in its classes, which the workers load from their own class path (no jar).
 * Paths are absolute as seen by the cluster. Immutable.
 *
 * @param combiner null when none
 * @param partitioner null for the default (hash of the serialized key)
 * @param reducers 0 for a map-only job (then no reducer is needed; each map task writes a part file)
 * @param timeout {@link Duration#ZERO} for none
 * @param splitPoints null, or a total order over the map output keys (computed at admission by
 *     sampling the input): partition p then goes to reduce p and the part files are globally ordered
 */
public record JobSpec(
        String builtin,
        String jarSha256,
        String mapper,
        String reducer,
        String combiner,
        String partitioner,
        List<String> inputs,
        String output,
        int reducers,
        long splitSize,
        InputFormat inputFormat,
        Map<String, String> conf,
        int maxAttempts,
        long maxSkippedRecords,
        Duration timeout,
        SplitPoints splitPoints) {

    public static final int DEFAULT_REDUCERS = 2;
    public static final long DEFAULT_SPLIT_SIZE = 64L << 20;
    public static final int DEFAULT_MAX_ATTEMPTS = 4;

    public JobSpec {
        builtin = emptyToNull(builtin);
        jarSha256 = emptyToNull(jarSha256);
        mapper = emptyToNull(mapper);
        reducer = emptyToNull(reducer);
        combiner = emptyToNull(combiner);
        partitioner = emptyToNull(partitioner);
        if (reducers < 0) {
            throw new IllegalArgumentException("--reducers must not be negative, not " + reducers);
        }
        if (builtin == null && (mapper == null || (reducer == null && reducers > 0) || jarSha256 == null)) {
            throw new IllegalArgumentException(reducers > 0 ? "a user job needs --jar, --mapper and --reducer"
                    : "a user job needs --jar and --mapper");
        }
        if (builtin != null && jarSha256 != null) {
            throw new IllegalArgumentException("a built-in job takes no --jar");
        }
        if ((mapper == null && reducer != null) || (mapper != null && reducer == null && reducers > 0)) {
            throw new IllegalArgumentException("a job needs both a mapper and a reducer");
        }
        inputs = List.copyOf(Objects.requireNonNull(inputs, "inputs"));
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("no --input given");
        }
        if (output == null || output.isEmpty()) {
            throw new IllegalArgumentException("no --output given");
        }
        if (splitSize < 1) {
            throw new IllegalArgumentException("--split-size must be positive, not " + splitSize);
        }
        Objects.requireNonNull(inputFormat, "inputFormat");
        conf = Map.copyOf(Objects.requireNonNull(conf, "conf"));
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("--max-attempts must be at least 1, not " + maxAttempts);
        }
        if (maxSkippedRecords < 0) {
            throw new IllegalArgumentException("--max-skipped-records must not be negative");
        }
        if (splitPoints != null && splitPoints.size() > Math.max(0, reducers - 1)) {
            throw new IllegalArgumentException(splitPoints.size() + " split points for " + reducers + " reducers");
        }
        timeout = timeout == null ? Duration.ZERO : timeout;
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("--timeout must not be negative");
        }
    }

    /** A job without a total order over its keys. */
    public JobSpec(String builtin, String jarSha256, String mapper, String reducer, String combiner,
                   String partitioner, List<String> inputs, String output, int reducers, long splitSize,
                   InputFormat inputFormat, Map<String, String> conf, int maxAttempts, long maxSkippedRecords,
                   Duration timeout) {
        this(builtin, jarSha256, mapper, reducer, combiner, partitioner, inputs, output, reducers, splitSize,
                inputFormat, conf, maxAttempts, maxSkippedRecords, timeout, null);
    }

    public boolean isBuiltin() {
        return builtin != null;
    }

    /** A job without reduces: each map task's output is committed as its own part file. */
    public boolean isMapOnly() {
        return reducers == 0;
    }

    /** The same job with its map output keys in this total order. */
    public JobSpec withSplitPoints(SplitPoints points) {
        return new JobSpec(builtin, jarSha256, mapper, reducer, combiner, partitioner, inputs, output, reducers,
                splitSize, inputFormat, conf, maxAttempts, maxSkippedRecords, timeout, points);
    }

    /** The same job with its paths in their store's form (a {@code file:} URI made a plain path, say). */
    public JobSpec withPaths(List<String> inputs, String output) {
        return new JobSpec(builtin, jarSha256, mapper, reducer, combiner, partitioner, inputs, output, reducers,
                splitSize, inputFormat, conf, maxAttempts, maxSkippedRecords, timeout, splitPoints);
    }

    /** The same job with its classes named (a built-in job once the coordinator resolved it). */
    public JobSpec withClasses(String mapper, String reducer, String combiner, String partitioner) {
        return new JobSpec(builtin, jarSha256, mapper, reducer, combiner, partitioner, inputs, output, reducers,
                splitSize, inputFormat, conf, maxAttempts, maxSkippedRecords, timeout, splitPoints);
    }

    /** A short name for listings: the built-in job's name or the mapper's simple class name. */
    public String displayName() {
        if (builtin != null) {
            return builtin;
        }
        return mapper.substring(mapper.lastIndexOf('.') + 1);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
