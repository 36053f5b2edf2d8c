package io.quern.examples.sort;

import io.quern.api.Counter;
import io.quern.api.Emitter;
import io.quern.api.Mapper;
import io.quern.api.TaskContext;

/**
 * The {@code sort} job's mapper: each record line becomes (key, payload), so that the reducer's
 * {@code key<TAB>payload} output line is the record again. A line that is not a record is not an
 * error: it is counted in {@value #MALFORMED} and left out. Confined to one thread.
 */
public final class SortMapper implements Mapper<Long, String, String, String> {
    /** The counter of lines that are not records. */
    public static final String MALFORMED = "malformed";

    private Counter malformed;

    public SortMapper() {}

    @Override
    public void setup(TaskContext context) {
        malformed = context.counter(MALFORMED);
    }

    @Override
    public void map(Long offset, String line, Emitter<String, String> out) {
        if (!SortRecord.isValid(line)) {
            malformed.increment(1);
            return;
        }
        out.emit(line.substring(0, SortRecord.KEY_LENGTH), line.substring(SortRecord.KEY_LENGTH + 1));
    }
}
