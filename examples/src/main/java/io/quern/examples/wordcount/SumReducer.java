package io.quern.examples.wordcount;

import io.quern.api.Emitter;
import io.quern.api.Reducer;

/**
 * Emits each key with the sum of its values. Addition is associative and commutative, so the same
 * class also works as a combiner. Used by all built-in jobs ({@code wordcount}, {@code grep},
 * {@code logstats}). Confined to one thread, like every reducer.
 */
public final class SumReducer implements Reducer<String, Long, String, Long> {

    public SumReducer() {}

    @Override
    public void reduce(String key, Iterable<Long> values, Emitter<String, Long> out) {
        long sum = 0;
        for (Long value : values) {
            sum += value;
        }
        out.emit(key, sum);
    }
}
