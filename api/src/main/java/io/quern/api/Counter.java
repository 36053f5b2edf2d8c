package io.quern.api;

/**
 * A named, job-wide sum. Increments made by an attempt count only if that attempt is the one whose
 * output is committed, so retried or duplicated attempts never count twice.
 */
public interface Counter {
    void increment(long amount);
}
