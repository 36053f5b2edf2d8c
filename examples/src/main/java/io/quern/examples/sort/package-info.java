/**
 * The {@code sort} and {@code sortgen} built-in jobs, after TeraSort. A record is a text line of
 * exactly 100 bytes: a 10-byte key of printable ASCII, a TAB, an 88-byte payload and {@code \n}
 * ({@link io.quern.examples.sort.SortRecord}), which is also exactly the line a job writes for the
 * pair (key, payload), so generated, sorted and re-sorted data all share one format.
 * {@link io.quern.examples.sort.SortGenMapper} generates records map-only from row ranges
 * ({@link io.quern.examples.sort.RowRanges} writes them); {@link io.quern.examples.sort.SortMapper}
 * and {@link io.quern.examples.sort.IdentityReducer} sort them, globally ordered by the split points
 * the coordinator samples at submit; {@link io.quern.examples.sort.SortValidator} checks the result.
 */
package io.quern.examples.sort;
