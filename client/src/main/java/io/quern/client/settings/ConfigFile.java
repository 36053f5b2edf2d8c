package io.quern.client.settings;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A config file: {@code key = value} lines, {@code #} comment lines and blank lines, in UTF-8.
 * Stricter than {@link java.util.Properties} on purpose (no escapes, no continuations, a key set
 * once), so that a mistake in the file is an error that names its line rather than a value that
 * quietly means something else. Immutable.
 *
 * @param path where it was read from
 * @param entries the values by key, in file order
 */
record ConfigFile(Path path, Map<String, Entry> entries) {
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    /** A value and the line that set it (1 for the first line). */
    record Entry(String value, int line) {}

    /** A file that cannot be read or parsed; the message names the file, and the line where there is one. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    ConfigFile {
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    static ConfigFile read(Path path) throws Invalid {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new Invalid("config file " + path + " does not exist");
        } catch (CharacterCodingException e) {
            throw new Invalid("config file " + path + " is not UTF-8 text");
        } catch (IOException e) {
            throw new Invalid("cannot read config file " + path + ": " + e.getMessage());
        }
        return parse(path, lines);
    }

    static ConfigFile parse(Path path, List<String> lines) throws Invalid {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int number = i + 1;
            int eq = line.indexOf('=');
            String key = eq < 0 ? line : line.substring(0, eq).strip();
            if (eq < 0 || !KEY.matcher(key).matches()) {
                throw new Invalid(path + " line " + number + ": expected 'key = value', not '" + line + "'");
            }
            String value = line.substring(eq + 1).strip();
            if (value.isEmpty()) {
                throw new Invalid(path + " line " + number + ": " + key + " has no value");
            }
            Entry earlier = entries.putIfAbsent(key, new Entry(value, number));
            if (earlier != null) {
                throw new Invalid(path + " line " + number + ": " + key + " is already set on line " + earlier.line());
            }
        }
        return new ConfigFile(path, entries);
    }
}
