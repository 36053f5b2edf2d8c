package io.quern.worker.sort;

/**
 * Counters of the sort path. Confined to the task thread: plain fields, read by the caller once the
 * task's sort work is done.
 */
public final class SortCounters {
    /** Records written to spill files and to the final map output (a record may count several times). */
    public long spilledRecords;
    /** Spill files written from the sort buffer. */
    public long spills;
    public long combineInputRecords;
    public long combineOutputRecords;
    /** Serialized key and value bytes collected. */
    public long mapOutputBytes;

    @Override
    public String toString() {
        return "SortCounters[spilledRecords=" + spilledRecords + ", spills=" + spills
                + ", combineInputRecords=" + combineInputRecords + ", combineOutputRecords="
                + combineOutputRecords + ", mapOutputBytes=" + mapOutputBytes + "]";
    }
}
