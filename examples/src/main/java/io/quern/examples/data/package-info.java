/**
 * Deterministic generators of sample input: {@link io.quern.examples.data.TextCorpusGenerator}
 * writes English-like text (for {@code wordcount}, {@code grep} and the inverted index) and
 * {@link io.quern.examples.data.AccessLogGenerator} writes web server access logs with a chosen
 * share of malformed lines (for {@code logstats}). The same arguments and seed always give the same
 * bytes. {@link io.quern.examples.data.SampleData} is the entry point the CLI uses.
 */
package io.quern.examples.data;
