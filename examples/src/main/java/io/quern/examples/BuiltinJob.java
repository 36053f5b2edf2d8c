package io.quern.examples;

import io.quern.examples.grep.GrepMapper;
import io.quern.examples.logstats.LogStatsMapper;
import io.quern.examples.sort.IdentityReducer;
import io.quern.examples.sort.SortGenMapper;
import io.quern.examples.sort.SortMapper;
import io.quern.examples.sort.SortRecord;
import io.quern.examples.wordcount.SumReducer;
import io.quern.examples.wordcount.WordCountMapper;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The jobs run with {@code --job NAME}: their classes and the check of their {@code --conf}
 * values, done at submit time so that a bad configuration fails before any task runs.
 */
public enum BuiltinJob {

    /** Counts words: maximal runs of letters, case kept. */
    WORDCOUNT("wordcount", WordCountMapper.class, SumReducer.class, SumReducer.class, conf -> {}),

    /** Counts the lines that contain a match of {@code --conf pattern=REGEX}, per exact line. */
    GREP("grep", GrepMapper.class, SumReducer.class, SumReducer.class,
            conf -> GrepMapper.compile(conf.get(GrepMapper.PATTERN_KEY))),

    /** Requests per status, path and UTC hour, and bytes per status, from access logs. */
    LOGSTATS("logstats", LogStatsMapper.class, SumReducer.class, SumReducer.class, conf -> {}),

    /** Sorts 100-byte records by their 10-byte key, globally ordered across part files (TeraSort). */
    SORT("sort", SortMapper.class, IdentityReducer.class, null, conf -> {}, SortRecord::keyOrNull),

    /** Generates sort records from row ranges, map-only ({@code --reducers 0}); {@code --conf seed=S}. */
    SORTGEN("sortgen", SortGenMapper.class, null, null,
            conf -> SortGenMapper.seed(conf.get(SortGenMapper.SEED_KEY)), null);

    private final String jobName;
    private final Class<?> mapper;
    private final Class<?> reducer;
    private final Class<?> combiner;
    private final Consumer<Map<String, String>> validator;
    private final Function<String, String> sampledKey;

    BuiltinJob(String jobName, Class<?> mapper, Class<?> reducer, Class<?> combiner,
            Consumer<Map<String, String>> validator) {
        this(jobName, mapper, reducer, combiner, validator, null);
    }

    BuiltinJob(String jobName, Class<?> mapper, Class<?> reducer, Class<?> combiner,
            Consumer<Map<String, String>> validator, Function<String, String> sampledKey) {
        this.jobName = jobName;
        this.mapper = mapper;
        this.reducer = reducer;
        this.combiner = combiner;
        this.validator = validator;
        this.sampledKey = sampledKey;
    }

    /** The job called {@code name} (exact, lower case), if there is one. */
    public static Optional<BuiltinJob> byName(String name) {
        return Stream.of(values()).filter(job -> job.jobName.equals(name)).findFirst();
    }

    /** The names of all built-in jobs, for messages: {@code "wordcount, grep, logstats, sort, sortgen"}. */
    public static String names() {
        return Stream.of(values()).map(BuiltinJob::jobName).collect(Collectors.joining(", "));
    }

    /**
     * Whether every input file is a map task of its own rather than packed with other small files:
     * each of {@code sortgen}'s row files is the work of one map task, written by {@code sort-rows}.
     */
    public boolean mapPerFile() {
        return this == SORTGEN;
    }

    /** The name used with {@code --job}. */
    public String jobName() {
        return jobName;
    }

    /** The mapper class, an implementation of {@link io.quern.api.Mapper}. */
    public Class<?> mapper() {
        return mapper;
    }

    /** The reducer class, an implementation of {@link io.quern.api.Reducer}; none for a map-only job. */
    public Optional<Class<?>> reducer() {
        return Optional.ofNullable(reducer);
    }

    /**
     * For a job whose output is globally ordered: the map output key of an input line (a
     * {@code String} key), or null for a line the mapper leaves out. The coordinator samples the input
     * with it at submit and derives the split points of a total order from the sample.
     */
    public Optional<Function<String, String>> sampledKey() {
        return Optional.ofNullable(sampledKey);
    }

    /** The combiner class, if the job has one. */
    public Optional<Class<?>> combiner() {
        return Optional.ofNullable(combiner);
    }

    /**
     * Checks the job's configuration ({@code --conf} values).
     *
     * @throws IllegalArgumentException with a one-line message for the user if a required key is
     *     missing or a value is invalid, e.g. {@code grep needs --conf pattern=REGEX}
     */
    public void validate(Map<String, String> conf) {
        validator.accept(Objects.requireNonNull(conf, "conf"));
    }
}
