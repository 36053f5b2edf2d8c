package io.quern.examples.sort;

import io.quern.api.Emitter;
import io.quern.api.Mapper;
import io.quern.api.TaskContext;

/**
 * The {@code sortgen} job's mapper, for a map-only job: each input line {@code FIRST COUNT} (see
 * {@link RowRanges}) makes the records of rows FIRST to FIRST+COUNT-1, emitted as (key, payload) so
 * that each output line is exactly one record. {@code --conf seed=S} (default 0) picks the data set;
 * the same rows and seed always give the same records, whichever task or attempt makes them.
 * Confined to one thread.
 */
public final class SortGenMapper implements Mapper<Long, String, String, String> {
    /** The {@code --conf} key of the seed. */
    public static final String SEED_KEY = "seed";

    private final char[] record = new char[SortRecord.LINE_LENGTH];
    private long seed;

    public SortGenMapper() {}

    /** The seed of {@code --conf seed=S}, 0 without it. @throws IllegalArgumentException for a bad value */
    public static long seed(String value) {
        if (value == null) {
            return 0;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("sortgen: --conf seed must be a whole number, not '" + value + "'");
        }
    }

    @Override
    public void setup(TaskContext context) {
        seed = seed(context.conf(SEED_KEY));
    }

    @Override
    public void map(Long offset, String line, Emitter<String, String> out) {
        RowRanges.Range range = RowRanges.parse(line);
        for (long row = range.first(); row < range.first() + range.count(); row++) {
            SortRecord.generate(seed, row, record);
            out.emit(new String(record, 0, SortRecord.KEY_LENGTH),
                    new String(record, SortRecord.KEY_LENGTH + 1, SortRecord.PAYLOAD_LENGTH));
        }
    }
}
