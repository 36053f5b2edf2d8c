/**
 * Task execution: attempts run as threads of the worker JVM. Map attempts read their split into a
 * bounded sort buffer, writing a multiple of the reducers' partitions and sampling their hottest
 * keys; asked to stop, a map ends at the next record and hands back the input it did not read.
 * Reduce attempts fetch their partitions from every map, merge them into one sorted stream and
 * reduce it, reporting which phase they are in.
 */
package io.quern.worker.exec;
