/**
 * Quern's example jobs. {@link io.quern.examples.BuiltinJob} names the jobs the CLI runs with
 * {@code --job NAME} ({@code wordcount}, {@code grep}, {@code logstats}, {@code sort},
 * {@code sortgen}) and validates their
 * configuration; the sub-packages hold one job each, plus an inverted index written as a user job
 * and generators of sample data. Everything here depends only on {@code quern-api} and the JDK, so
 * any class is a fair starting point for a job of your own.
 */
package io.quern.examples;
