package io.quern.worker.shuffle;

/** What a fetch reports back to its reduce attempt. Called from fetch threads. */
public interface FetchProgress {
    /** True once the attempt is killed: fetching stops. */
    boolean cancelled();

    /** More bytes arrived. */
    void fetched(long bytes);

    /** One map's segment of one partition is complete. */
    void segmentDone();
}
