package io.quern.client;

import io.quern.common.job.InputFormat;
import io.quern.common.job.JobSpec;
import io.quern.common.storage.JobStorages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A job to submit, built in code:
 * <pre>{@code
 * JobRequest job = JobRequest.builtin("wordcount")
 *         .input(Path.of("books")).output(Path.of("/tmp/wc")).reducers(4).build();
 * JobRequest mine = JobRequest.jar(Path.of("app.jar"), "com.acme.Tokens", "com.acme.Sum")
 *         .combiner("com.acme.Sum").input(Path.of("in")).output(Path.of("out")).build();
 * }</pre>
 * Relative paths are made absolute on the submitting machine. Immutable once built.
 */
public final class JobRequest {
    final String builtin;
    final Path jar;
    final String mapper;
    final String reducer;
    final String combiner;
    final String partitioner;
    final List<Path> inputs;
    final Path output;
    final int reducers;
    final long splitSize;
    final InputFormat inputFormat;
    final Map<String, String> conf;
    final int maxAttempts;
    final long maxSkippedRecords;
    final Duration timeout;

    private JobRequest(Builder b) {
        builtin = b.builtin;
        jar = b.jar;
        mapper = b.mapper;
        reducer = b.reducer;
        combiner = b.combiner;
        partitioner = b.partitioner;
        inputs = List.copyOf(b.inputs);
        output = b.output;
        reducers = b.reducers;
        splitSize = b.splitSize;
        inputFormat = b.inputFormat;
        conf = Map.copyOf(b.conf);
        maxAttempts = b.maxAttempts;
        maxSkippedRecords = b.maxSkippedRecords;
        timeout = b.timeout;
    }

    /** A built-in job: {@code wordcount}, {@code grep}, {@code logstats}, {@code sort} or {@code sortgen}. */
    public static Builder builtin(String name) {
        Builder b = new Builder();
        b.builtin = Objects.requireNonNull(name, "name");
        return b;
    }

    /** A user job whose classes are in {@code jar} (shipped to the cluster at submit). */
    public static Builder jar(Path jar, String mapperClass, String reducerClass) {
        Builder b = new Builder();
        b.jar = Objects.requireNonNull(jar, "jar");
        b.mapper = Objects.requireNonNull(mapperClass, "mapperClass");
        b.reducer = Objects.requireNonNull(reducerClass, "reducerClass");
        return b;
    }

    /** A map-only user job (give it {@code reducers(0)}): each map task's output is one part file. */
    public static Builder jar(Path jar, String mapperClass) {
        Builder b = new Builder();
        b.jar = Objects.requireNonNull(jar, "jar");
        b.mapper = Objects.requireNonNull(mapperClass, "mapperClass");
        return b;
    }

    public Path jar() {
        return jar;
    }

    /** The spec the cluster receives, once the jar (if any) has been uploaded as {@code jarSha256}. */
    JobSpec toSpec(String jarSha256) {
        List<String> in = new ArrayList<>();
        for (Path p : inputs) {
            in.add(located(p));
        }
        return new JobSpec(builtin, jarSha256, mapper, reducer, combiner, partitioner, in,
                output == null ? null : located(output), reducers, splitSize,
                inputFormat, conf, maxAttempts, maxSkippedRecords, timeout);
    }

    /**
     * A plain path made absolute here; a URI ({@code file:/data/in}, {@code s3://b/k}) sent as it is, for
     * the coordinator to find its store or refuse it.
     */
    private static String located(Path p) {
        String s = p.toString();
        return JobStorages.scheme(s).isPresent() ? s : p.toAbsolutePath().normalize().toString();
    }

    /** Builds a {@link JobRequest}; defaults are the CLI's. Not thread-safe. */
    public static final class Builder {
        private String builtin;
        private Path jar;
        private String mapper;
        private String reducer;
        private String combiner;
        private String partitioner;
        private final List<Path> inputs = new ArrayList<>();
        private Path output;
        private int reducers = JobSpec.DEFAULT_REDUCERS;
        private long splitSize = JobSpec.DEFAULT_SPLIT_SIZE;
        private InputFormat inputFormat = InputFormat.TEXT;
        private final Map<String, String> conf = new LinkedHashMap<>();
        private int maxAttempts = JobSpec.DEFAULT_MAX_ATTEMPTS;
        private long maxSkippedRecords;
        private Duration timeout = Duration.ZERO;

        private Builder() {}

        public Builder input(Path path) {
            inputs.add(Objects.requireNonNull(path));
            return this;
        }

        public Builder output(Path dir) {
            output = Objects.requireNonNull(dir);
            return this;
        }

        /** Reduce tasks; 0 for a map-only job. */
        public Builder reducers(int n) {
            reducers = n;
            return this;
        }

        public Builder splitSize(long bytes) {
            splitSize = bytes;
            return this;
        }

        public Builder inputFormat(InputFormat f) {
            inputFormat = Objects.requireNonNull(f);
            return this;
        }

        public Builder conf(String key, String value) {
            conf.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
            return this;
        }

        public Builder combiner(String className) {
            combiner = className;
            return this;
        }

        public Builder partitioner(String className) {
            partitioner = className;
            return this;
        }

        public Builder maxAttempts(int n) {
            maxAttempts = n;
            return this;
        }

        public Builder maxSkippedRecords(long n) {
            maxSkippedRecords = n;
            return this;
        }

        public Builder timeout(Duration d) {
            timeout = Objects.requireNonNull(d);
            return this;
        }

        /** @throws IllegalArgumentException naming the first invalid setting */
        public JobRequest build() {
            JobRequest r = new JobRequest(this);
            r.toSpec(jar == null ? null : "0".repeat(64)); // validates every field now, not at submit
            return r;
        }
    }
}
