package io.quern.worker.sort;

import java.io.Closeable;
import java.io.IOException;

/** Closes many things, all of them even when some fail; the first failure is thrown, the rest suppressed. */
final class Closing {
    private Closing() {}

    static void closeAll(Iterable<? extends Closeable> all) throws IOException {
        IOException failure = null;
        for (Closeable c : all) {
            if (c == null) {
                continue;
            }
            try {
                c.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
