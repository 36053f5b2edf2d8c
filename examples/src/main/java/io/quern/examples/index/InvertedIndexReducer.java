package io.quern.examples.index;

import io.quern.api.Counter;
import io.quern.api.Emitter;
import io.quern.api.Reducer;
import io.quern.api.TaskContext;
import java.util.TreeSet;

/**
 * Writes each word with the documents that contain it: distinct names, sorted, joined with
 * {@code ,} ({@code quern<TAB>a.txt,b.txt}). Counts the (word, document) pairs written in the
 * counter {@value #POSTINGS}. Confined to one thread, like every reducer.
 */
public final class InvertedIndexReducer implements Reducer<String, String, String, String> {

    /** The counter of (word, document) pairs in the index. */
    public static final String POSTINGS = "index.postings";

    private final TreeSet<String> documents = new TreeSet<>();
    private Counter postings;

    public InvertedIndexReducer() {}

    @Override
    public void setup(TaskContext context) {
        postings = context.counter(POSTINGS);
    }

    @Override
    public void reduce(String word, Iterable<String> values, Emitter<String, String> out) {
        documents.clear();
        for (String document : values) {
            documents.add(document);
        }
        out.emit(word, String.join(",", documents));
        postings.increment(documents.size());
    }
}
