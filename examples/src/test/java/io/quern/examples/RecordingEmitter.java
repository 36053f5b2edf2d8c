package io.quern.examples;

import io.quern.api.Emitter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An emitter for unit tests that keeps every pair in order. */
public final class RecordingEmitter<K, V> implements Emitter<K, V> {

    private final List<Map.Entry<K, V>> pairs = new ArrayList<>();

    @Override
    public void emit(K key, V value) {
        if (key == null || value == null) {
            throw new NullPointerException("emit(" + key + ", " + value + ")");
        }
        pairs.add(Map.entry(key, value));
    }

    public List<Map.Entry<K, V>> pairs() {
        return pairs;
    }

    public List<K> keys() {
        return pairs.stream().map(Map.Entry::getKey).toList();
    }

    /** Values summed per key, for emitters of {@code Long} values. */
    public static Map<String, Long> sums(RecordingEmitter<String, Long> emitter) {
        Map<String, Long> sums = new TreeMap<>();
        emitter.pairs().forEach(p -> sums.merge(p.getKey(), p.getValue(), Long::sum));
        return sums;
    }

    public void clear() {
        pairs.clear();
    }
}
