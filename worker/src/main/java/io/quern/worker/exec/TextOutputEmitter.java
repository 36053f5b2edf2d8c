package io.quern.worker.exec;

import io.quern.api.Emitter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/** A reducer's emitter: writes {@code key<TAB>value} lines ({@code toString()} of each). Confined to the task thread. */
final class TextOutputEmitter<K, V> implements Emitter<K, V> {
    private final Writer out;
    long records;

    TextOutputEmitter(Writer out) {
        this.out = out;
    }

    @Override
    public void emit(K key, V value) {
        if (key == null || value == null) {
            throw new NullPointerException("reduce emitted a null " + (key == null ? "key" : "value"));
        }
        try {
            out.write(key.toString());
            out.write('\t');
            out.write(value.toString());
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        records++;
    }
}
