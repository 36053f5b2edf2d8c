/**
 * The {@code grep} built-in job: {@link io.quern.examples.grep.GrepMapper} keeps the lines that
 * contain a match of the Java regular expression given with {@code --conf pattern=REGEX} and emits
 * {@code (line, 1)}; {@link io.quern.examples.wordcount.SumReducer} then counts how often each exact
 * line occurred, as reducer and as combiner.
 */
package io.quern.examples.grep;
