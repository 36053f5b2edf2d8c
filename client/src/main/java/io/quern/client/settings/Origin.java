package io.quern.client.settings;

import java.nio.file.Path;

/**
 * Where a value that the command line left out came from, so that an error about it can name the
 * key, the value and the file line or variable that gave it.
 *
 * @param name the key, or the environment variable
 * @param file the config file, or null for the environment
 * @param line the line in {@code file}
 */
record Origin(String name, String value, Path file, int line) {
    static Origin environment(String variable, String value) {
        return new Origin(variable, value, null, 0);
    }

    static Origin file(String key, String value, Path file, int line) {
        return new Origin(key, value, file, line);
    }

    /** {@code worker.slots = 0 (/etc/quern/quern.conf line 4)} or {@code QUERN_WORKER_SLOTS=0 (environment)}. */
    String describe() {
        return file == null ? name + "=" + value + " (environment)"
                : name + " = " + value + " (" + file + " line " + line + ")";
    }
}
