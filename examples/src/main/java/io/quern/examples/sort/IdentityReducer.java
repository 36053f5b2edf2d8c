package io.quern.examples.sort;

import io.quern.api.Emitter;
import io.quern.api.Reducer;

/** Emits every value under its key, unchanged: the sort is the engine's. Stateless. */
public final class IdentityReducer implements Reducer<String, String, String, String> {

    public IdentityReducer() {}

    @Override
    public void reduce(String key, Iterable<String> values, Emitter<String, String> out) {
        for (String v : values) {
            out.emit(key, v);
        }
    }
}
