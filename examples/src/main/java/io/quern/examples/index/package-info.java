/**
 * An inverted index, written as a user job to show how one is built and run from a jar rather
 * than as a built-in. {@link io.quern.examples.index.InvertedIndexMapper} reads whole files and
 * emits each distinct lower-cased word with the document's name;
 * {@link io.quern.examples.index.InvertedIndexReducer} writes each word with the sorted list of
 * documents containing it. Run it with
 * <pre>
 * bin/quern local --input-format whole-file --jar examples/target/examples-&lt;version&gt;.jar \
 *     --mapper io.quern.examples.index.InvertedIndexMapper \
 *     --reducer io.quern.examples.index.InvertedIndexReducer \
 *     --input DIR --output OUT
 * </pre>
 */
package io.quern.examples.index;
