/**
 * Reading the records of a map split. A split is a list of {@link io.quern.common.job.FileRange}s
 * read in order; {@link io.quern.worker.input.RecordReaders} opens a reader for the job's input
 * format, whose files it opens through the job's {@link io.quern.common.storage.JobStorage}. Text ranges follow one rule so that every line is read by exactly one split: a line
 * belongs to the range holding its first byte, so a reader skips the partial line at its start and
 * reads past its end to finish its last line. A reader can be stopped between records; it then
 * returns the ranges it will not read, cut at a line start, for other readers. Lines are found and
 * decoded straight from one large reused byte buffer; the only objects per record are the ones the
 * user API hands out.
 */
package io.quern.worker.input;
