package io.quern.common.job;

/** What a running attempt is doing: a map reads its split; a reduce shuffles, merges, then reduces. */
public enum TaskPhase {
    MAP,
    SHUFFLE,
    MERGE,
    REDUCE
}
