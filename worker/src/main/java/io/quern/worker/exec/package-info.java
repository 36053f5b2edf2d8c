/**
 * Task execution: attempts run as threads of the worker JVM, map attempts reading their split into
 * a bounded sort buffer, reduce attempts fetching, merging and reducing their partition.
 */
package io.quern.worker.exec;
