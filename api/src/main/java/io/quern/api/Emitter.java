package io.quern.api;

/**
 * Receives the pairs a {@link Mapper} or {@link Reducer} produces. Neither key nor value may be
 * {@code null}. The engine serializes each pair before {@code emit} returns, so the caller may reuse
 * or mutate the objects (for example a {@code byte[]}) afterwards.
 */
public interface Emitter<K, V> {
    void emit(K key, V value);
}
