/**
 * Turning a job's inputs into map splits. {@link io.quern.coordinator.split.InputSplitter} lists
 * the {@code --input} paths the way the contract says (a file, or a directory's visible regular
 * files in name order) and cuts text files into byte ranges of about the split size; gzip files and
 * whole-file input stay one range per file. {@code SplitPacker} then packs the ranges smaller than
 * the split size into shared splits, so many small files make few map tasks. Where a line crossing
 * a boundary goes is the reader's business, not the splitter's: the ranges only need to cover each
 * file exactly once. {@link io.quern.coordinator.split.Remainders} re-cuts the unread rest of a map
 * that stopped early.
 */
package io.quern.coordinator.split;
