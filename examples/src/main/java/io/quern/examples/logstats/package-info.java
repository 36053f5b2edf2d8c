/**
 * The {@code logstats} built-in job over web server access logs in Common or Combined Log Format.
 * {@link io.quern.examples.logstats.LogStatsMapper} parses each line with a strict hand-written
 * parser and emits request counts per status code, per path (query string removed) and per UTC
 * hour, plus the response bytes per status code; lines that do not parse are counted as
 * {@code malformed}. {@link io.quern.examples.wordcount.SumReducer} sums everything, as reducer and
 * combiner.
 */
package io.quern.examples.logstats;
