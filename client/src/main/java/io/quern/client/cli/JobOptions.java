package io.quern.client.cli;

import io.quern.client.JobRequest;
import io.quern.common.job.InputFormat;
import io.quern.common.job.EngineConf;
import io.quern.common.job.JobSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The JOB-OPTIONS shared by {@code submit} and {@code local}. */
public final class JobOptions {
    @Option(names = "--job", paramLabel = "NAME", description = "a built-in job: wordcount, grep, logstats, sort, sortgen")
    String job;

    @Option(names = "--jar", paramLabel = "FILE", description = "a jar with your classes (shipped to the workers)")
    Path jar;

    @Option(names = "--mapper", paramLabel = "CLASS", description = "the Mapper class in --jar")
    String mapper;

    @Option(names = "--reducer", paramLabel = "CLASS", description = "the Reducer class in --jar (none with --reducers 0)")
    String reducer;

    @Option(names = "--combiner", paramLabel = "CLASS", description = "an optional combiner (a Reducer<K,V,K,V>)")
    String combiner;

    @Option(names = "--partitioner", paramLabel = "CLASS", description = "an optional Partitioner class")
    String partitioner;

    @Option(names = "--input", paramLabel = "PATH", required = true,
            description = "a file, or a directory of files (repeatable)")
    List<Path> inputs;

    @Option(names = "--output", paramLabel = "DIR", required = true, description = "must not exist yet")
    Path output;

    @Option(names = "--reducers", paramLabel = "R", defaultValue = "" + JobSpec.DEFAULT_REDUCERS,
            description = "reduce tasks and part files; 0 for a map-only job, one part file per map task "
                    + "(default: ${DEFAULT-VALUE})")
    int reducers;

    @Option(names = "--split-size", paramLabel = "BYTES", defaultValue = "64m", converter = Sizes.ByteSize.class,
            description = "input split size, suffixes k, m, g (default: ${DEFAULT-VALUE})")
    long splitSize;

    @Option(names = "--input-format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text or whole-file (default: ${DEFAULT-VALUE})")
    String inputFormat;

    @Option(names = "--conf", paramLabel = "K=V", description = "a setting read by tasks (repeatable)")
    Map<String, String> conf = new LinkedHashMap<>();

    @Option(names = "--max-attempts", paramLabel = "N", defaultValue = "" + JobSpec.DEFAULT_MAX_ATTEMPTS,
            description = "attempts per task before the job fails (default: ${DEFAULT-VALUE})")
    int maxAttempts;

    @Option(names = "--max-skipped-records", paramLabel = "N", defaultValue = "0",
            description = "records whose map/reduce call throws that may be skipped (default: ${DEFAULT-VALUE})")
    long maxSkippedRecords;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = Sizes.DurationConverter.class,
            description = "stop the job and fail it after this long (e.g. 90s, 30m)")
    Duration timeout;

    @Option(names = "--no-speculation",
            description = "no backup attempts of straggling tasks (conf quern.speculation=false)")
    boolean noSpeculation;

    @Option(names = "--no-skew-mitigation", description = "no splitting of straggling maps and no balancing of "
            + "partitions over reducers (conf quern.skew.split=false, quern.partition.factor=1)")
    boolean noSkewMitigation;

    /** @throws IllegalArgumentException naming the first bad option */
    public JobRequest toRequest() {
        JobRequest.Builder b;
        if (job != null) {
            if (jar != null || mapper != null || reducer != null || combiner != null || partitioner != null) {
                throw new IllegalArgumentException("--job takes no --jar, --mapper, --reducer, --combiner or --partitioner");
            }
            b = JobRequest.builtin(job);
        } else {
            if (jar == null) {
                throw new IllegalArgumentException("give --job NAME, or --jar FILE with --mapper and --reducer");
            }
            if (mapper == null || (reducer == null && reducers != 0)) {
                throw new IllegalArgumentException("--jar needs --mapper CLASS and --reducer CLASS"
                        + " (a map-only job, --reducers 0, needs only --mapper)");
            }
            b = (reducer == null ? JobRequest.jar(jar, mapper) : JobRequest.jar(jar, mapper, reducer))
                    .combiner(combiner).partitioner(partitioner);
        }
        for (Path p : inputs) {
            b.input(p);
        }
        b.output(output).reducers(reducers).splitSize(splitSize).inputFormat(format(inputFormat))
                .maxAttempts(maxAttempts).maxSkippedRecords(maxSkippedRecords);
        conf.forEach(b::conf);
        if (noSpeculation) {
            b.conf(EngineConf.SPECULATION, "false");
        }
        if (noSkewMitigation) {
            b.conf(EngineConf.SPLIT_STRAGGLERS, "false");
            b.conf(EngineConf.PARTITION_FACTOR, "1");
        }
        if (timeout != null) {
            b.timeout(timeout);
        }
        return b.build();
    }

    private static InputFormat format(String s) {
        return switch (s) {
            case "text" -> InputFormat.TEXT;
            case "whole-file" -> InputFormat.WHOLE_FILE;
            default -> throw new IllegalArgumentException("--input-format must be text or whole-file, not '" + s + "'");
        };
    }
}
