package io.quern.worker.sort;

import java.io.IOException;

/**
 * Combines the records of one sorted run (one partition) into fewer records, written in key order to
 * {@code out}. May be applied any number of times to any subset of a key's records.
 */
public interface Combiner {
    void combine(RawRecordCursor sortedInput, RecordSink out) throws IOException;
}
