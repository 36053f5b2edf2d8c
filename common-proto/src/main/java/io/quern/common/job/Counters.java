package io.quern.common.job;

/** Names of the engine's built-in counters, as the job summary shows them. */
public final class Counters {
    private Counters() {}

    public static final String INPUT_BYTES = "map.input.bytes";
    public static final String MAP_INPUT_RECORDS = "map.input.records";
    public static final String MAP_OUTPUT_RECORDS = "map.output.records";
    /** Serialized key and value bytes the maps emitted, before any combining. */
    public static final String MAP_OUTPUT_BYTES = "map.output.bytes";
    /** Bytes of the final map output files as stored, compressed or not: what the shuffle serves. */
    public static final String MAP_OUTPUT_FILE_BYTES = "map.output.file.bytes";
    /** The record bytes of the same files before compression. */
    public static final String MAP_OUTPUT_FILE_RAW_BYTES = "map.output.file.raw.bytes";
    public static final String COMBINE_INPUT_RECORDS = "combine.input.records";
    public static final String COMBINE_OUTPUT_RECORDS = "combine.output.records";
    public static final String SPILLED_RECORDS = "spilled.records";
    public static final String MAP_SPILLS = "map.spills";
    /** Bytes the reduces fetched, as they travelled (compressed when the job compresses). */
    public static final String SHUFFLE_BYTES = "shuffle.bytes";
    public static final String REDUCE_INPUT_GROUPS = "reduce.input.groups";
    public static final String REDUCE_INPUT_RECORDS = "reduce.input.records";
    public static final String REDUCE_OUTPUT_RECORDS = "reduce.output.records";
    public static final String MAP_SKIPPED_RECORDS = "map.skipped.records";
    public static final String REDUCE_SKIPPED_GROUPS = "reduce.skipped.groups";
    public static final String MAP_TASK_MILLIS = "map.task.millis";
    public static final String REDUCE_TASK_MILLIS = "reduce.task.millis";
}
