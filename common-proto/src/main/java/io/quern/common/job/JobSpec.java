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
 * @param timeout {@link Duration#ZERO} for none
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
        Duration timeout) {

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
        if (builtin == null && (mapper == null || reducer == null || jarSha256 == null)) {
            throw new IllegalArgumentException("a user job needs --jar, --mapper and --reducer");
        }
        if (builtin != null && jarSha256 != null) {
            throw new IllegalArgumentException("a built-in job takes no --jar");
        }
        if ((mapper == null) != (reducer == null)) {
            throw new IllegalArgumentException("a job needs both a mapper and a reducer");
        }
        inputs = List.copyOf(Objects.requireNonNull(inputs, "inputs"));
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("no --input given");
        }
        if (output == null || output.isEmpty()) {
            throw new IllegalArgumentException("no --output given");
        }
        if (reducers < 1) {
            throw new IllegalArgumentException("--reducers must be at least 1, not " + reducers);
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
        timeout = timeout == null ? Duration.ZERO : timeout;
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("--timeout must not be negative");
        }
    }

    public boolean isBuiltin() {
        return builtin != null;
    }

    /** The same job with its classes named (a built-in job once the coordinator resolved it). */
    public JobSpec withClasses(String mapper, String reducer, String combiner, String partitioner) {
        return new JobSpec(builtin, jarSha256, mapper, reducer, combiner, partitioner, inputs, output, reducers,
                splitSize, inputFormat, conf, maxAttempts, maxSkippedRecords, timeout);
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
