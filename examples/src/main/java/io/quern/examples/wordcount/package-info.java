/**
 * The {@code wordcount} built-in job: {@link io.quern.examples.wordcount.WordCountMapper} splits each
 * line into words (maximal runs of letters, by {@link java.lang.Character#isLetter(int)}, so letters
 * outside the Basic Multilingual Plane count too, case kept) and emits {@code (word, 1)};
 * {@link io.quern.examples.wordcount.SumReducer} adds the counts up and also serves as the combiner.
 * {@code SumReducer} is shared by the other built-in jobs, which all count.
 */
package io.quern.examples.wordcount;
