package io.quern.deploy.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads a job's output directory, checking the contract's layout on the way. */
final class PartFiles {
    private PartFiles() {}

    /**
     * Each part file as key to value, in file order. Fails unless there are exactly {@code reducers}
     * part files, each with its keys ascending in code point order and none twice.
     */
    static List<Map<String, String>> partitions(Path out, int reducers) throws IOException {
        List<String> parts = names(out).stream().filter(n -> n.startsWith("part-")).sorted().toList();
        List<String> expected = new ArrayList<>();
        for (int r = 0; r < reducers; r++) {
            expected.add(String.format("part-r-%05d", r));
        }
        if (!parts.equals(expected)) {
            throw new AssertionError(out + " holds part files " + parts + ", expected " + expected);
        }
        List<Map<String, String>> all = new ArrayList<>();
        for (String part : parts) {
            Map<String, String> m = new LinkedHashMap<>();
            String previous = null;
            for (String line : Files.readAllLines(out.resolve(part), StandardCharsets.UTF_8)) {
                int tab = line.indexOf('\t');
                if (tab < 0) {
                    throw new AssertionError(part + ": no tab in line '" + line + "'");
                }
                String key = line.substring(0, tab);
                if (previous != null && WordCounts.BY_CODE_POINT.compare(previous, key) >= 0) {
                    throw new AssertionError(part + ": key '" + key + "' after '" + previous + "'");
                }
                m.put(key, line.substring(tab + 1));
                previous = key;
            }
            all.add(m);
        }
        return all;
    }

    /** Every part file's pairs together; a key in two part files fails. */
    static Map<String, String> all(Path out, int reducers) throws IOException {
        Map<String, String> all = new HashMap<>();
        for (Map<String, String> p : partitions(out, reducers)) {
            for (Map.Entry<String, String> e : p.entrySet()) {
                if (all.put(e.getKey(), e.getValue()) != null) {
                    throw new AssertionError("key '" + e.getKey() + "' is in two part files of " + out);
                }
            }
        }
        return all;
    }

    static Map<String, Long> longs(Path out, int reducers) throws IOException {
        Map<String, Long> m = new HashMap<>();
        all(out, reducers).forEach((k, v) -> m.put(k, Long.parseLong(v)));
        return m;
    }

    /** The names in a directory; none when it does not exist. */
    static List<String> names(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }
}
