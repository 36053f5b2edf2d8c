package io.quern.worker.exec;

import io.quern.api.Emitter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * The emitter of a task that writes the job's output (a reduce, or a map of a map-only job): writes
 * {@code key<TAB>value} lines ({@code toString()} of each). Confined to the task thread.
 */
final class TextOutputEmitter<K, V> implements Emitter<K, V> {
    private final Writer out;
    private final String role;
    long records;

    /** Writing the output failed: the engine's or the disk's fault, never the record's. */
    static final class OutputWriteException extends UncheckedIOException {
        OutputWriteException(IOException cause) {
            super(cause);
        }
    }

    /** @param role who emits, for messages: {@code "reduce"} or {@code "map"} */
    TextOutputEmitter(Writer out, String role) {
        this.out = out;
        this.role = role;
    }

    @Override
    public void emit(K key, V value) {
        if (key == null || value == null) {
            throw new NullPointerException(role + " emitted a null " + (key == null ? "key" : "value"));
        }
        try {
            out.write(key.toString());
            out.write('\t');
            out.write(value.toString());
            out.write('\n');
        } catch (IOException e) {
            throw new OutputWriteException(e);
        }
        records++;
    }
}
